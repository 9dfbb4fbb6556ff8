import { STAND_IN_DEV_KEYS } from './dev-keys.ts';
import { startTossStandIn } from './server.ts';

// What `./fruitables up` runs: the Toss stand-in on PORT with the local keys, posting webhooks
// to TOSS_STAND_IN_WEBHOOK_URL, else to payments' /v1/webhooks/toss at SERVICE_URL (where the
// stack says payments answers), as Toss does to the URL registered in its developer center.
const standIn = startTossStandIn({
  port: Number(process.env.PORT ?? 7204),
  secretKey: process.env.TOSS_STAND_IN_SECRET_KEY ?? STAND_IN_DEV_KEYS.secretKey,
  clientKey: process.env.TOSS_STAND_IN_CLIENT_KEY ?? STAND_IN_DEV_KEYS.clientKey,
  webhookUrl:
    process.env.TOSS_STAND_IN_WEBHOOK_URL ??
    (process.env.SERVICE_URL ? `${process.env.SERVICE_URL}/v1/webhooks/toss` : null),
});
console.log(JSON.stringify({ msg: 'toss stand-in listening', url: standIn.url }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
