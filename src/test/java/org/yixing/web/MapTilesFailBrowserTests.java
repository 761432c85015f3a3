package org.yixing.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A tile server that cannot be reached (issue 23: OpenStreetMap from mainland China): the
 * live page still shows the fence, the position and the distance, says the map could not
 * load, and checks in.
 */
@ApiTest
@TestPropertySource(properties = "yixing.map.tiles=http://127.0.0.1:9/{z}/{x}/{y}.png")
class MapTilesFailBrowserTests extends BrowserTest {

	@Test
	void aMapWhoseTilesFailSaysSoAndStillMeasuresTheDistance() {
		Volunteers volunteers = new Volunteers(this.api);
		String code = new Attendance(this.api).openActivityNow(new Organizations(this.api), "无瓦片协会");
		Volunteers.Registered volunteer = volunteers.register();
		Page page = Browser.signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), volunteer.phone(),
				Volunteers.PASSWORD);
		page.navigate("/check-in?code=" + code);
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		assertThat(page.locator(".map-failed")).hasText("地图未能加载：签到范围、我的位置和距离仍然有效。");
		assertThat(page.locator("#distance")).hasText("已进入签到范围");
		assertThat(page.locator("#map .leaflet-interactive").first()).isVisible();
		Browser.screenshot(page, "27-map-tiles-failed");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时")).click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();
		page.context().close();
	}

}
