/**
 * Authenticated admin endpoints for operators (the dead-letter replay), behind the console login.
 */
package io.storelink.admin;
