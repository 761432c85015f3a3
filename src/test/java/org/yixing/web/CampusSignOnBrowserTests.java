package org.yixing.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.yixing.test.ApiTest;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.CampusLogins;
import org.yixing.test.Keycloak;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campus sign-on on a 360×640 phone against a real Keycloak (RULES §14): the button on
 * the login page, the provider's own login page, the first sign-in linking an existing
 * account after its password, auto-join, 我的 showing the 学号, a later sign-in going
 * straight in, and unlinking.
 */
@ApiTest
class CampusSignOnBrowserTests extends BrowserTest {

	@Test
	void aStudentLinksTheirAccountJoinsTheUniversityAndLaterSignsInWithTheCampusAccountAlone() {
		Organizations organizations = new Organizations(this.api);
		Keycloak keycloak = Keycloak.started();
		String university = organizations.createTopLevel("示例大学");
		CampusLogins.connect(this.api, organizations.staffToken(), university, keycloak.issuer(), "示例大学统一身份认证", true);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();

		BrowserContext phone = this.browser.phone(30.4760, 114.3900);
		Page page = phone.newPage();
		page.navigate("/login");
		Browser.screenshot(page, "campus-sign-on-login");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("示例大学统一身份认证登录")).click();
		// The provider's own login page, on its own address.
		page.waitForURL(keycloak.issuer() + "/**");
		signInAtProvider(page, "2023010101");

		// Not linked yet, nobody signed in: the password first, then it links.
		assertThat(page.getByText("学校账号已验证")).isVisible();
		page.getByLabel("身份证号或手机号").fill(volunteer.idNumber());
		page.getByLabel("密码").fill(Volunteers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		assertThat(page.getByText("已关联学校账号")).isVisible();
		assertThat(page.locator(".campus-number")).hasText("2023010101");
		Browser.screenshot(page, "campus-sign-on-linked");

		// Auto-join: a member of the university at once, approved by campus sign-on.
		String members = this.api.get("/organizations/" + university + "/members", organizations.staffToken()).text();
		assertThat(members).contains(volunteer.id()).contains("\"studentNumber\":\"2023010101\"");

		// 我的 shows the 学号.
		page.navigate("/me");
		assertThat(page.locator(".campus-number")).hasText("2023010101");
		Browser.screenshot(page, "campus-sign-on-me");

		// Signed out, the campus account alone signs in (the provider remembers it).
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("退出登录")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("示例大学统一身份认证登录")).click();
		assertThat(page.locator(".sign-hero")).isVisible();

		// Unlinking needs the password.
		page.navigate("/me/campus-sign-on");
		page.getByLabel("解除关联须输入益行登录密码").fill("Wrong2026");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("解除关联")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("密码");
		page.getByLabel("解除关联须输入益行登录密码").fill(Volunteers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("解除关联")).click();
		assertThat(page.getByText("已解除关联")).isVisible();
		assertThat(page.locator(".campus-number")).hasCount(0);
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("关联示例大学统一身份认证账号"))).isVisible();
		assertThat(this.api.get("/me", volunteer.token()).body().get("campusIdentities")).isEmpty();
		phone.close();
	}

	@Test
	void aSignedInVolunteerLinksFromTheirUniversityAccountPage() {
		Organizations organizations = new Organizations(this.api);
		Keycloak keycloak = Keycloak.started();
		String university = organizations.createTopLevel("链接大学");
		CampusLogins.connect(this.api, organizations.staffToken(), university, keycloak.issuer(), "链接大学统一身份认证", false);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		BrowserContext phone = this.browser.phone(30.4760, 114.3900);
		Page page = Browser.signIn(phone, volunteer.idNumber(), Volunteers.PASSWORD);
		page.navigate("/me");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("学校账号（统一身份认证）")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("关联链接大学统一身份认证账号")).click();
		page.waitForURL(keycloak.issuer() + "/**");
		signInAtProvider(page, "2023010102");
		assertThat(page.getByText("已关联学校账号")).isVisible();
		assertThat(page.locator(".campus-number")).hasText("2023010102");
		// Without auto-join, no membership comes of it.
		assertThat(this.api.get("/organizations/" + university + "/members", organizations.staffToken()).text())
			.doesNotContain(volunteer.id());
		phone.close();
	}

	private static void signInAtProvider(Page page, String username) {
		page.locator("#username").fill(username);
		page.locator("#password").fill(Keycloak.PASSWORD);
		page.locator("#kc-login").click();
	}

	@Test
	void staffConnectAUniversityInTheConsole() {
		Organizations organizations = new Organizations(this.api);
		String university = organizations.createTopLevel("控制台大学");
		BrowserContext laptop = this.browser.screen(1280, 800);
		Page page = laptop.newPage();
		page.navigate("/login");
		page.getByLabel("身份证号或手机号").fill(org.yixing.test.Staff.ID_NUMBER);
		page.getByLabel("密码").fill(org.yixing.test.Staff.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		page.waitForURL("**/");
		page.navigate("/admin/campus-sign-on?organization=" + university);
		page.getByLabel("身份认证服务地址（issuer）").fill(Keycloak.started().issuer());
		page.getByLabel("客户端ID").fill(Keycloak.CLIENT_ID);
		page.getByLabel("客户端密钥").fill(Keycloak.CLIENT_SECRET);
		page.getByLabel("按钮名称（后接“登录”）").fill("控制台大学统一身份认证");
		page.getByLabel("关联后自动加入本校").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")).click();
		assertThat(page.getByText("已保存")).isVisible();
		assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("控制台大学"))).containsText("已启用");
		Browser.screenshot(page, "campus-sign-on-console");
		assertThat(this.api.get("/organizations/" + university + "/campus-sign-on", organizations.staffToken())
			.body()
			.get("autoJoin")
			.asBoolean()).isTrue();
		laptop.close();
	}

}
