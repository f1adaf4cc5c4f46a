import "server-only";
import { randomUUID } from "node:crypto";

export interface Project {
  name: string;
  uuid: string;
  created_at: string;
}

// In memory until the store lands; on globalThis so dev hot reload and several route bundles share it.
const globalProjects = globalThis as typeof globalThis & { __playgroundProjects?: Map<string, Project> };
const projects = (globalProjects.__playgroundProjects ??= new Map());

/** Parea's get-or-create: the Python SDK calls it before every completion. */
export function getOrCreateProject(name: string): Project & { was_created: boolean } {
  const existing = projects.get(name);
  if (existing) return { ...existing, was_created: false };
  const project = { name, uuid: randomUUID(), created_at: new Date().toISOString() };
  projects.set(name, project);
  return { ...project, was_created: true };
}
