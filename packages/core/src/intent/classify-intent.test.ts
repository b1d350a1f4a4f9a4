import { createFakeCompanion } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { classifyIntent } from './classify-intent';

describe('classifyIntent', () => {
  it('lets an explicit hint decide', async () => {
    expect(await classifyIntent("that's everything", { intentHint: 'general_conversation' })).toMatchObject({ intent: 'general_conversation', source: 'hint' });
  });

  it('inside a creation: a terminal turn commits, anything else stays in the creation (never general chat)', async () => {
    expect(await classifyIntent("That's everything.", { inCreation: true })).toMatchObject({ intent: 'create_engagement_commit', source: 'rules' });
    expect(await classifyIntent('What is the weather like?', { inCreation: true })).toMatchObject({ intent: 'create_engagement_active', source: 'rules' });
    expect(await classifyIntent('no', { inCreation: true, companionAskedToClose: true })).toMatchObject({ intent: 'create_engagement_commit' });
  });

  it('outside a creation: a request to start a project starts one, by rule', async () => {
    for (const message of ['I want to start a new project', 'Can you help me set up a project for the bakery?', 'create a new engagement']) {
      expect(await classifyIntent(message), message).toMatchObject({ intent: 'create_engagement_entry', source: 'rules' });
    }
  });

  it('falls back to the Companion only when the rules are unsure, and says when no fallback exists', async () => {
    expect(await classifyIntent('Tell me a joke')).toMatchObject({ intent: 'general_conversation', source: 'rules', confidence: 0.5 });
    const companion = createFakeCompanion({ complete: () => 'Sure: {"intent": "create_engagement_active", "confidence": 0.8, "reason": "describes a newsletter to make"}' });
    const result = await classifyIntent('We need a newsletter for the bakery', { companion, companionLastTurn: 'Hi' });
    expect(result).toMatchObject({ intent: 'create_engagement_entry', source: 'companion', confidence: 0.8 });
    expect(companion.completions[0]).toMatchObject({ task: 'intent-classification' });
    expect(companion.completions[0]!.prompt).toContain('We need a newsletter for the bakery');
  });

  it('rejects an unusable fallback answer with E_COMPANION_OUTPUT', async () => {
    const companion = createFakeCompanion({ complete: () => '{"intent": "dance"}' });
    await expect(classifyIntent('Tell me a joke', { companion })).rejects.toMatchObject({ code: 'E_COMPANION_OUTPUT' });
  });
});
