/**
 * Newer Codex versions run commands and edits from a `custom_tool_call` named `exec` whose input is a
 * JavaScript program calling `tools.exec_command({cmd, workdir})` and `tools.apply_patch(patch)`. The
 * program is not run: its calls are read in source order where their arguments are plain literals
 * (strings, template strings without `${}`, or a `const` holding one). What cannot be read that way is
 * reported, not guessed.
 */
export type ScriptCall =
  | { tool: 'exec_command'; command: string; workdir?: string | undefined }
  | { tool: 'apply_patch'; patch: string };

export interface ReadScript {
  calls: ScriptCall[];
  /** Calls to tools.* whose arguments are not literals, and other tools, by name. */
  unread: string[];
}

export function readExecScript(source: string): ReadScript {
  const calls: ScriptCall[] = [];
  const unread: string[] = [];
  for (const match of source.matchAll(/\btools\.([A-Za-z_]\w*)\s*\(/g)) {
    const tool = match[1]!;
    const arg = argumentAt(source, match.index + match[0].length);
    if (tool === 'exec_command' || tool === 'shell' || tool === 'shell_command') {
      const command = arg?.string ?? field(source, arg, ['cmd', 'command']);
      if (command === null) unread.push(`tools.${tool}`);
      else calls.push({ tool: 'exec_command', command, workdir: field(source, arg, ['workdir']) ?? undefined });
    } else if (tool === 'apply_patch') {
      const patch = arg?.string ?? field(source, arg, ['input', 'patch']);
      if (patch === null) unread.push('tools.apply_patch');
      else calls.push({ tool: 'apply_patch', patch });
    } else {
      unread.push(`tools.${tool}`);
    }
  }
  return { calls, unread };
}

interface Argument {
  /** The argument as a string, when it is a string literal or a const holding one. */
  string: string | null;
  /** The object literal's source, when the argument is one. */
  object: string | null;
}

function argumentAt(source: string, at: number): Argument | null {
  let i = at;
  while (/\s/.test(source[i] ?? '')) i++;
  const literal = stringAt(source, i);
  if (literal) return { string: literal.value, object: null };
  if (source[i] === '{') {
    const end = matchingBrace(source, i);
    return end < 0 ? null : { string: null, object: source.slice(i, end + 1) };
  }
  const name = /^[A-Za-z_$][\w$]*/.exec(source.slice(i))?.[0];
  return name ? { string: constant(source, name), object: null } : null;
}

/** A property's string value in an object literal argument: `{cmd: "npm test"}`, `{"cmd": 'x'}`, `{cmd}`. */
function field(source: string, arg: Argument | null, names: readonly string[]): string | null {
  if (!arg?.object) return null;
  for (const name of names) {
    const key = new RegExp(`(?:^|[{,\\s])["']?${name}["']?\\s*:\\s*`).exec(arg.object);
    if (key) {
      const value = stringAt(arg.object, key.index + key[0].length);
      if (value) return value.value;
      const ident = /^[A-Za-z_$][\w$]*/.exec(arg.object.slice(key.index + key[0].length))?.[0];
      if (ident) return constant(source, ident);
    }
    if (new RegExp(`[{,]\\s*${name}\\s*[,}]`).test(arg.object)) return constant(source, name);
  }
  return null;
}

/** The value of `const NAME = <string literal>` (or let/var) in the program. */
function constant(source: string, name: string): string | null {
  const decl = new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*=\\s*`).exec(source);
  return decl ? (stringAt(source, decl.index + decl[0].length)?.value ?? null) : null;
}

function stringAt(source: string, at: number): { value: string; end: number } | null {
  const quote = source[at];
  if (quote !== '"' && quote !== "'" && quote !== '`') return null;
  let value = '';
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (quote === '`' && c === '$' && source[i + 1] === '{') return null; // interpolation: not a literal
    if (c === '\\') {
      const next = source[++i] ?? '';
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };
      if (next === 'u') {
        const hex = source[i + 1] === '{' ? /^\{([0-9a-fA-F]+)\}/.exec(source.slice(i + 1)) : /^([0-9a-fA-F]{4})/.exec(source.slice(i + 1));
        if (!hex) return null;
        value += String.fromCodePoint(parseInt(hex[1]!, 16));
        i += hex[0].length;
      } else if (next === '\n') {
        continue; // a line continuation
      } else {
        value += escapes[next] ?? next;
      }
      continue;
    }
    if (c === '\n' && quote !== '`') return null;
    value += c;
  }
  return null;
}

function matchingBrace(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i]!;
    const literal = stringAt(source, i);
    if (literal) {
      i = literal.end - 1;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
