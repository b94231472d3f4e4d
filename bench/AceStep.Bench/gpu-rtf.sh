#!/usr/bin/env bash
# Real-time factor of a 60-second song at 8 steps on a CUDA node: every component at full size (random weights,
# bf16). Needs the CUDA libtorch package, i.e. a build with -p:TorchBackend=cuda.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -p:TorchBackend=cuda -o out
dotnet out/AudioMusic.AceStep.Bench.dll full --device cuda --seconds 60 --steps 8
dotnet out/AudioMusic.AceStep.Bench.dll full-vae --device cuda --seconds 60
