import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { QueueOptions } from '../types';

const EMPTY: QueueOptions = { organizations: [], categories: [], priorities: [], channels: [], states: [], operators: [] };

/** The queue's filter values, the organizations and categories, and the operators (GET /spoc-console/queue/options). */
export function useQueueOptions(): QueueOptions {
  const { get } = useFetchClient();
  const [options, setOptions] = React.useState<QueueOptions>(EMPTY);
  React.useEffect(() => {
    let alive = true;
    get<{ data: QueueOptions }>('/spoc-console/queue/options')
      .then(({ data }) => alive && setOptions({ ...EMPTY, ...data.data }))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [get]);
  return options;
}
