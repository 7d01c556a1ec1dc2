// Discord's documented size limits for messages, embeds, components and application commands.

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Sum of title, description, field names and values, footer text and author name over a message's embeds. */
  embedCharsPerMessage: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  linkUrl: 512,
  selectOptions: 25,
  selectOptionText: 100,
  /** Application commands. */
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandTotalChars: 8000,
  /** Attachments: files per message, and their bytes together (Discord's default upload limit, 25 MiB). */
  filesPerMessage: 10,
  fileBytesPerMessage: 25 * 1024 * 1024,
  attachmentDescription: 1024,
  /** Autocomplete answers. */
  autocompleteChoices: 25,
} as const;

/** Ephemeral message flag (only the person who asked sees it). */
export const EPHEMERAL = 64;
/** Manage Channels (0x10) and Administrator (0x8) permission bits, as in an interaction's member.permissions. */
export const MANAGE_CHANNELS = 0x10n;
export const ADMINISTRATOR = 0x8n;
