import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Events are written only by the timeline service. The admin panel's content manager and any other
 * Document Service caller are refused: this flag marks the one legitimate writer.
 */
const timelineWriter = new AsyncLocalStorage<true>();

export const asTimelineWriter = <T>(write: () => Promise<T>): Promise<T> => timelineWriter.run(true, write);
export const isTimelineWriter = (): boolean => timelineWriter.getStore() === true;
