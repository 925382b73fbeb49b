import { once } from 'node:events';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';

/**
 * Loopback ports and the plumbing of the local HTTP stubs (Entra's JWKS, Graph, the Bot Connector)
 * and of the server processes the fault and end-to-end tests start: always 127.0.0.1 and a port the
 * system picks, so parallel runs never collide.
 */

/** A port free on 127.0.0.1 now, for a process about to listen on it. */
export const freePort = async (): Promise<number> => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
};

/** Starts `server` on a free loopback port and resolves with its base URL, `http://127.0.0.1:<port>`. */
export const listenOnLoopback = async (server: Server): Promise<string> => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** Stops an HTTP server, its idle keep-alive connections included. */
export const closeHttpServer = async (server: HttpServer): Promise<void> => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

/** A stub's view of a request body: the whole of it as UTF-8 text ('' when there is none). */
export const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
