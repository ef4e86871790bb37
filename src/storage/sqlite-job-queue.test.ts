import { describeJobQueueContract } from './job-queue.contract.js';
import { openTwoSqliteConnections } from './port-contract-fixture.js';

describeJobQueueContract('SQLite', openTwoSqliteConnections);
