import { describeJobQueueContract } from './job-queue.contract.js';
import { openTwoPostgresConnections } from './port-contract-fixture.js';

describeJobQueueContract('PostgreSQL', openTwoPostgresConnections);
