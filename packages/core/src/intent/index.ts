export { INTENTS, classifyIntent, type ClassifyIntentOptions, type Intent, type IntentClassification } from './classify-intent';
