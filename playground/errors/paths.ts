import type {Playbook} from './schema';

// Kept apart from the catalog: the error pages link with these without loading the catalog's data.

/** The page of an entry. */
export function errorPath(code: string): string {
  return `/errors/${code}`;
}

/** The troubleshooting playbook page an entry belongs to. */
export function playbookPath(playbook: Playbook): string {
  return `/docs/production-playbooks/troubleshooting/${playbook}`;
}
