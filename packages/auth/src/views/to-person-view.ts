// What callers see of a person: never the user handle, which only authenticators need.
import type { PersonRecord } from '@loomworks/core';
import type { PersonView } from '../types';

export function toPersonView(person: PersonRecord): PersonView {
  return { id: person.id, displayName: person.displayName, email: person.email };
}
