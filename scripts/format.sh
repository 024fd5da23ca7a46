#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the root .swift-format;
# `scripts/format.sh --check` only reports what differs and fails if anything does (scripts/test.sh runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
require_swift

if [ "${1:-}" = "--check" ]; then
    exec swift format lint --strict --recursive Sources Tests Package.swift
fi
exec swift format format --in-place --recursive Sources Tests Package.swift
