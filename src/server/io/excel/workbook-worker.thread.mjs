// The entry of a workbook worker thread (see workbook-worker.ts). Workers start without the parent's loader,
// so register tsx here (dev, tests and `npm start` all run the TypeScript sources through tsx), then load the body.
import { register } from 'tsx/esm/api';

register();
await import('./workbook-worker.thread.ts');
