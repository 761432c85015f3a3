/**
 * Face check-in (RULES §7): the consent, enrolment and comparison, and the models behind
 * them (BlazeFace detection, dlib ResNet descriptors, run by ONNX Runtime on a bounded
 * pool; docs/FACE.md). Publishes {@link org.yixing.face.FaceReenrolmentFlagged} for the
 * admins' notices.
 */
@NullMarked
package org.yixing.face;

import org.jspecify.annotations.NullMarked;
