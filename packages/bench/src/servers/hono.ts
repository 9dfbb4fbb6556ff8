// Baseline for the kit benchmark: a plain Hono app serving the same route, with no middleware.
// The kit is measured against this because every service is a Hono app; what the kit adds on
// top (request id, log line, metrics, secure headers, body limit, timeout) is its own cost.
import { Hono } from 'hono';

const app = new Hono();
app.get('/v1/hello', (c) => c.json({ hello: 'fruitables', ok: true }, 200));
const server = Bun.serve({ port: Number(process.env.PORT ?? '0'), hostname: '127.0.0.1', fetch: app.fetch });
console.log(JSON.stringify({ msg: 'listening', port: server.port }));
