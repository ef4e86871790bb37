export * from './accounts/index.js';
export * from './ui/index.js';
export { dashboardRoutes, storyEditPath, type DashboardContext, type DashboardSection, type DashboardRoutesOptions } from './dashboard/dashboard-routes.js';
