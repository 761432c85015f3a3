package org.yixing.test;

/**
 * What most API tests start from: a top-level organization with an admin of its own.
 *
 * @param id the organization's id
 */
public record Association(String id, Volunteers.Registered admin, Volunteers volunteers) {

	public static Association create(Api api, String name) {
		Volunteers volunteers = new Volunteers(api);
		Organizations organizations = new Organizations(api);
		String id = organizations.createTopLevel(name);
		Volunteers.Registered admin = volunteers.register();
		organizations.makeAdmin(id, admin.id());
		return new Association(id, admin, volunteers);
	}

	/** A fresh sign-in of the admin: a token expires when a test moves the clock on. */
	public String adminToken() {
		return this.volunteers.login(this.admin.idNumber(), Volunteers.PASSWORD);
	}

}
