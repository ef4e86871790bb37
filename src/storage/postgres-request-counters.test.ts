import { openTwoPostgresConnections } from './port-contract-fixture.js';
import { describeRequestCountersContract } from './request-counters.contract.js';

describeRequestCountersContract('PostgreSQL', openTwoPostgresConnections);
