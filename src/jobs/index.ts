export { createScheduledPublisher, type ScheduledPublisher, type ScheduledPublisherOptions } from './scheduled-publisher.js';
