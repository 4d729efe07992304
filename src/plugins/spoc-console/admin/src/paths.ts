/** The console's addresses inside the admin panel (the panel's router adds /admin). */
export const CONSOLE_PATH = '/plugins/spoc-console';
export const queuePath = (search = '') => `${CONSOLE_PATH}${search ? `?${search}` : ''}`;
export const ticketPath = (documentId: string) => `${CONSOLE_PATH}/tickets/${documentId}`;
export const newTicketPath = () => `${CONSOLE_PATH}/new`;
export const phonePath = () => `${CONSOLE_PATH}/phone`;
export const callbacksPath = () => `${CONSOLE_PATH}/callbacks`;
export const quarantinePath = () => `${CONSOLE_PATH}/quarantine`;
export const maintenancePath = () => `${CONSOLE_PATH}/maintenance`;
export const boardPath = () => `${CONSOLE_PATH}/board`;
