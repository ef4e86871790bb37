// A describing thread (describe-pool.ts): builds its tools from the settings it is sent and
// describes the items of each request, answering with their descriptions in order.
import { parentPort } from 'node:worker_threads';
import { describeItem, describingToolsFor, type DescribingTools } from './describe-item.js';
import type { DescribeReply, DescribeRequest } from './describe-pool.js';

let tools: DescribingTools | undefined;

parentPort!.on('message', (request: DescribeRequest) => {
  let reply: DescribeReply;
  try {
    if (request.settings) tools = describingToolsFor(request.settings);
    if (!tools) throw new Error('No filing settings were sent before the first items.');
    reply = { id: request.id, descriptions: request.items.map((item) => describeItem(item, tools!)) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
