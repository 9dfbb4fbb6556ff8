import { STAND_IN_DEV_KEYS } from './dev-keys.ts';
import { startTossStandIn } from './server.ts';

// What `./fruitables up` runs: the Toss stand-in on PORT with the local keys, posting webhooks
// to TOSS_STAND_IN_WEBHOOK_URL (payments' /v1/webhooks/toss) when the stack sets it.
const standIn = startTossStandIn({
  port: Number(process.env.PORT ?? 7204),
  secretKey: process.env.TOSS_STAND_IN_SECRET_KEY ?? STAND_IN_DEV_KEYS.secretKey,
  clientKey: process.env.TOSS_STAND_IN_CLIENT_KEY ?? STAND_IN_DEV_KEYS.clientKey,
  webhookUrl: process.env.TOSS_STAND_IN_WEBHOOK_URL ?? null,
});
console.log(JSON.stringify({ msg: 'toss stand-in listening', url: standIn.url }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
