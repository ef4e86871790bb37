import { describeSearchIndexContract } from './search-index.contract.js';
import { openTwoPostgresConnections } from './port-contract-fixture.js';

describeSearchIndexContract('PostgreSQL', openTwoPostgresConnections);
