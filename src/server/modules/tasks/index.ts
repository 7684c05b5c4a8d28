export { taskRoutes } from './routes.js';
export { createTask, finishTasks, type TaskRequest } from './service.js';
export { activeTasksFor } from './store.js';
export { openTasksUnder } from './store.js';
