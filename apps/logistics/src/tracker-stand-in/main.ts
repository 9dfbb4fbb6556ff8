import { startStandInTracker } from './stand-in-tracker.ts';

// What `./fruitables up` runs for the `tracker` stand-in: courier steps every STEP_MS
// (default 2 minutes locally, so a shipment is delivered within ten minutes of shipping).
const tracker = await startStandInTracker({
  port: Number(process.env.PORT ?? 7205),
  stepMs: Number(process.env.TRACKER_STEP_MS ?? 120_000),
  speed: 1,
});
console.log(JSON.stringify({ msg: 'tracker stand-in listening', url: tracker.graphqlUrl }));
process.on('SIGTERM', () => void tracker.close().then(() => process.exit(0)));
process.on('SIGINT', () => void tracker.close().then(() => process.exit(0)));
