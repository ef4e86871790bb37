import { describeAttemptLimitsContract } from './attempt-limits.contract.js';
import { openTwoPostgresConnections } from './port-contract-fixture.js';

describeAttemptLimitsContract('PostgreSQL', openTwoPostgresConnections);
