export { taskRoutes } from './routes.js';
export { createTask, type TaskRequest } from './service.js';
export { activeTasksFor } from './store.js';
export { listTasks } from './store.js';
