'use strict';

/**
 * Where captured messages live and how they are named, shared by the provider (which writes them) and the
 * notifications plugin (which lists and serves them). A name is one file in one folder, nothing else: no
 * separators, no dots but the extension's, so no spelling of a name can leave the folder.
 */
const path = require('node:path');

/** Relative to the project root: .tmp/ is already the place of development-only files. */
const DEFAULT_CAPTURE_DIR = path.join('.tmp', 'mail');
/** `<UTC timestamp>-<random>.eml`: names sort by capture time. */
const CAPTURE_NAME = /^\d{8}T\d{9}Z-[a-z0-9]{8}\.eml$/;

/** @param {string} name */
function isCaptureName(name) {
  return typeof name === 'string' && CAPTURE_NAME.test(name);
}

/** A new name for a message captured at `date`. @param {Date} date @param {string} random 8 characters [a-z0-9] */
function captureName(date, random) {
  return `${date.toISOString().replace(/[-:.]/g, '')}-${random}.eml`;
}

/** @param {string | undefined} dir MAIL_CAPTURE_DIR @param {string} root the project root */
function resolveCaptureDir(dir, root) {
  return path.resolve(root, dir || DEFAULT_CAPTURE_DIR);
}

module.exports = { DEFAULT_CAPTURE_DIR, isCaptureName, captureName, resolveCaptureDir };
