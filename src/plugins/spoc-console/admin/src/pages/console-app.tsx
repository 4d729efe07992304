/** The console's pages under /admin/plugins/spoc-console: the queue, a ticket's workspace, "Nuova richiesta", the desks. */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { WORK } from '../hooks/use-console-user';
import { BoardPage } from './board-page';
import { CallbacksPage } from './callbacks-page';
import { MaintenancePage } from './maintenance-page';
import { NewTicketPage } from './new-ticket-page';
import { PhonePage } from './phone-page';
import { QuarantinePage } from './quarantine-page';
import { QueuePage } from './queue-page';
import { WorkspacePage } from './workspace-page';

export default function ConsoleApp() {
  return (
    <Page.Protect permissions={[{ action: WORK, subject: null }]}>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="new" element={<NewTicketPage />} />
        <Route path="phone" element={<PhonePage />} />
        <Route path="callbacks" element={<CallbacksPage />} />
        <Route path="quarantine" element={<QuarantinePage />} />
        <Route path="maintenance" element={<MaintenancePage />} />
        <Route path="board" element={<BoardPage />} />
        <Route path="tickets/:documentId" element={<WorkspacePage />} />
        <Route path="*" element={<Page.NoData />} />
      </Routes>
    </Page.Protect>
  );
}
