package org.yixing.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.test.ChildJvm;
import org.yixing.test.NoexecMount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A folder of a fixed name in the temporary folder is used only while it is this user's
 * alone: another account could otherwise put native code there for Yixing to run.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
public class PrivateFolderTests {

	private static final String NAME = "yixing-test";

	@TempDir
	Path temporary;

	@Test
	void aNewFolderIsOpenToItsOwnerOnlyAndIsUsedAgainLater() throws Exception {
		Path folder = PrivateFolder.of(this.temporary, NAME).orElseThrow();
		assertThat(folder.getFileName().toString()).isEqualTo(NAME + "-" + System.getProperty("user.name"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
		Files.writeString(folder.resolve("kept"), "from an earlier start");

		assertThat(PrivateFolder.of(this.temporary, NAME)).contains(folder);
		assertThat(folder.resolve("kept")).hasContent("from an earlier start");
	}

	@Test
	void aRestrictedFolderAndTheFoldersMadeOnTheWayAreItsOwnersAloneAndAnOperatorsFolderKeepsItsMode()
			throws Exception {
		Path operators = Files.createDirectory(this.temporary.resolve("srv"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path data = operators.resolve("yixing");
		Path tomcat = PrivateFolder.restrict(data.resolve("tomcat"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tomcat))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).as("the new data folder")
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(operators))).isEqualTo("rwxr-xr-x");
	}

	@Test
	void aFolderOthersMayWriteToIsNotUsed() throws Exception {
		Path shared = Files.createDirectory(expected());
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));

		assertThat(PrivateFolder.of(this.temporary, NAME)).isEmpty();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).as("left as it was")
			.isEqualTo("rwxrwxr-x");
	}

	@Test
	void aLinkInPlaceOfTheFolderIsNotFollowed() throws Exception {
		Path elsewhere = Files.createDirectory(this.temporary.resolve("elsewhere"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Files.createSymbolicLink(expected(), elsewhere);

		assertThat(PrivateFolder.of(this.temporary, NAME)).isEmpty();
	}

	@Test
	void aFolderOfAnotherAccountIsNotUsed() throws Exception {
		Path theirs = Files.createDirectory(expected(),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		UserPrincipal nobody = theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
		try {
			Files.setOwner(theirs, nobody);
		}
		catch (IOException ex) {
			assumeThat(ex).as("only root may give a folder away").isNull();
		}

		assertThat(PrivateFolder.of(this.temporary, NAME)).isEmpty();
		try (Stream<Path> files = Files.list(theirs)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aUserWhomJavaKnowsByNoNameStillGetsItsFolder() throws Exception {
		// A container's user without an entry in the password file is "?" to Java.
		ChildJvm child = ChildJvm.start(null, List.of("-Duser.name=?"), Child.class, this.temporary.toString());
		assertThat(child.exitValue(60, TimeUnit.SECONDS)).as(child.output()).isZero();
		assertThat(child.output()).contains("folder " + this.temporary.resolve(NAME + "-_"));
	}

	@Test
	void aFolderForCodeIsNotMadeOnAFileSystemMountedNoexec() throws Exception {
		try (NoexecMount mount = NoexecMount.at(this.temporary.resolve("noexec"))) {
			assertThat(PrivateFolder.forCode(mount.point(), NAME)).isEmpty();
			assertThat(mount.point()).as("nothing made there").isEmptyDirectory();
		}
		assertThat(PrivateFolder.forCode(this.temporary, NAME)).contains(expected());
	}

	@Test
	void theNearestMountOfAFolderSaysWhetherProgramsMayRunFromIt() throws Exception {
		Path spaced = Files.createDirectories(this.temporary.resolve("with space/below"));
		Path exec = Files.createDirectories(this.temporary.resolve("with space/exec/below"));
		Path real = this.temporary.toRealPath();
		Path mountinfo = this.temporary.resolve("mountinfo");
		Files.write(mountinfo,
				List.of("22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
						"41 22 0:36 / " + real.resolve("with space").toString().replace(" ", "\\040")
								+ " rw,nosuid,nodev,noexec,relatime shared:20 - tmpfs tmpfs rw,size=1024k",
						"42 41 0:37 / " + real.resolve("with space/exec").toString().replace(" ", "\\040")
								+ " rw,relatime - tmpfs tmpfs rw",
						"short line"));

		assertThat(PrivateFolder.noexec(spaced, mountinfo)).isTrue();
		assertThat(PrivateFolder.noexec(exec, mountinfo)).as("a mount inside it that allows programs").isFalse();
		assertThat(PrivateFolder.noexec(this.temporary, mountinfo)).isFalse();
		assertThat(PrivateFolder.noexec(this.temporary, this.temporary.resolve("absent"))).as("no mountinfo to read")
			.isFalse();
	}

	/** The other JVM: asks for the folder and prints it. */
	public static final class Child {

		public static void main(String[] args) throws Exception {
			System.out.println("folder " + PrivateFolder.of(Path.of(args[0]), NAME).orElse(null));
		}

	}

	private Path expected() {
		return this.temporary.resolve(NAME + "-" + System.getProperty("user.name"));
	}

}
