/**
 * Turns an uploaded file's bytes into text chunk by chunk, refusing what is
 * not a text file: invalid UTF-8 and NUL bytes (a binary file has both) stop
 * the ingest with the line they were found on. A leading byte order mark is
 * dropped (spreadsheet exports often start with one).
 */

/** The file itself is unreadable (not one bad row): the whole ingest is refused. */
export class MalformedFileError extends Error {
  override name = "MalformedFileError";

  constructor(
    /** 1-based physical line where the problem was found. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const LF = 0x0a;

function countNewlines(bytes: Uint8Array, end = bytes.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === LF) n++;
  return n;
}

/**
 * Offset of the first byte that cannot start or continue a UTF-8 sequence
 * in `bytes`, skipping continuation bytes at the very start (they finish a
 * character begun in the previous chunk); -1 when none is found.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return -1; // continues in the next chunk
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decodes UTF-8 chunks into text, throwing MalformedFileError on invalid UTF-8 or a NUL byte. */
export class Utf8ChunkDecoder {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  /** Newlines in the bytes decoded so far: the line a chunk starts on is this + 1. */
  private newlines = 0;

  /** The text of `bytes` (a multi-byte character split across chunks is completed by the next call). */
  decode(bytes: Uint8Array): string {
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      throw new MalformedFileError(
        this.newlines + countNewlines(bytes, nul) + 1,
        "the file contains a NUL byte: it is binary, not text",
      );
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      const at = firstInvalidUtf8Offset(bytes);
      throw new MalformedFileError(
        this.newlines + countNewlines(bytes, at < 0 ? bytes.length : at) + 1,
        "the file is not valid UTF-8 (save it as UTF-8 and send it again)",
      );
    }
    this.newlines += countNewlines(bytes);
    return text;
  }

  /** Whatever text is left; throws when the file ends in the middle of a character. */
  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new MalformedFileError(this.newlines + 1, "the file ends in the middle of a UTF-8 character");
    }
  }
}
