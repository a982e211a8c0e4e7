export { buildCard, CardError, normalizeCard, type CardModuleInput } from './card';
export { imageSize } from './imageSize';
export { heyboxLineBreaks, withMentions, type MentionEveryone, type Mentions, type MentionedText } from './mentions';
