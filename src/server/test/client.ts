/** A signed-in test client over app.inject (no vitest here, so bench/ can use it too). */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEMO_PASSWORD } from '../config';

export interface Client {
  csrf: string;
  cookie: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{
    status: number;
    json: any;
    headers: Record<string, unknown>;
  }>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = [res.headers['set-cookie']].flat().join(';');
  const cookie = /kp_sid=([^;]+)/.exec(setCookie)![0];
  const csrf = res.json().csrfToken as string;
  return {
    csrf,
    cookie,
    request: async (method, url, body, headers = {}) => {
      const r = await app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as never }),
      });
      let json: unknown = null;
      try {
        json = r.json();
      } catch {
        json = r.body;
      }
      return { status: r.statusCode, json, headers: r.headers };
    },
  };
}
