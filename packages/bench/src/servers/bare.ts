// Baseline for the kit benchmark: the least a Bun HTTP server can do to return the same body.
const port = Number(process.env.PORT ?? '0');
const server = Bun.serve({
  port,
  hostname: '127.0.0.1',
  fetch: () => Response.json({ hello: 'fruitables', ok: true }),
});
console.log(JSON.stringify({ msg: 'listening', port: server.port }));
