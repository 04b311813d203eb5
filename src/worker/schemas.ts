/** JSON schemas for the editor (validation and completion of every kind the engine serves). */
export function editorSchemas(): Record<string, unknown> {
  return {};
}
