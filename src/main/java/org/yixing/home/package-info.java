/**
 * The volunteer app's shell (docs/ARCHITECTURE.md): 首页 with the green 签到 button, the 我的
 * hub, help (常见问题) and the offline page. Each feature's own pages live in its module.
 */
@NullMarked
package org.yixing.home;

import org.jspecify.annotations.NullMarked;
