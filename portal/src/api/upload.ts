import { ApiError, apiErrorFrom, authHeaders, reportExpiredSession } from './client';

/**
 * A multipart POST with upload progress. fetch() cannot report upload progress in browsers yet, so this
 * one request type goes through XMLHttpRequest; errors come back as the same ApiError as api().
 */
export function postWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(authHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network error'));
    request.onload = () => {
      let payload: unknown = {};
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        // An empty or HTML body: the status says enough.
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(payload as T);
        return;
      }
      if (request.status === 401) reportExpiredSession();
      reject(apiErrorFrom(request.status, payload, request.statusText));
    };
    request.send(form);
  });
}
