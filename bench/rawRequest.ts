import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with exactly the bytes and headers given (fetch would add or refuse some); resolves with
 * the answer even when the server answers before the upload is complete and closes the connection.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; timeoutMs?: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const length =
      options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
    const headers = { ...length, ...options.headers };
    const req = request(url, { method: options.method ?? 'POST', headers, agent: false });
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('no answer in time')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    // A server that refuses early closes the connection mid-upload: the answer it sent still counts.
    req.on('error', (error) => setTimeout(() => reject(error), 2_000));
    req.end(options.body);
  });
}
