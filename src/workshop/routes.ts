// What the lab guide says about each route of OrderCallbackAPI: which function serves it and which items
// set it up. Step 1 wires $connect; step 2 (items 4-11) wires $disconnect and $default.
import type { FunctionRole } from "./names.js";

export type RouteKey = "$connect" | "$disconnect" | "$default";
export const ROUTE_KEYS: readonly RouteKey[] = ["$connect", "$disconnect", "$default"];

export const ROUTE_ROLE: Record<RouteKey, FunctionRole> = { $connect: "connect", $disconnect: "disconnect", $default: "pending" };

export const ROLE_ROUTE: Record<FunctionRole, RouteKey> = { connect: "$connect", disconnect: "$disconnect", pending: "$default" };

/**
 * Items of the lab guide: where the route is integrated, where the permission dialog is confirmed.
 * $connect is set up by step 1; item 3 is where the guide shows it.
 */
export const ROUTE_ITEMS: Record<RouteKey, { integration: string; permission: string }> = {
  $connect: { integration: "3", permission: "3" },
  $disconnect: { integration: "4–6", permission: "5" },
  $default: { integration: "7–9", permission: "8" },
};
