package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/bitbucket/bbfake"
	"github.com/dbcd/dbcd/internal/demo/employee"
)

// The paths of the story's migration files in the repository.
var (
	nicknamePath = "bytebase/prod/" + employee.NicknameFile
	countryPath  = "bytebase/prod/" + employee.CountryFile
)

// story runs the chapters in order; the first failure ends it.
func (d *demo) story() error {
	for _, chapter := range []func() error{
		d.repository, d.firstDeploy, d.nullableColumn, d.fixedColumn, d.merged,
		d.approvalsOn, d.outOfOrder, d.rollout, d.writeback, d.drift,
	} {
		if err := chapter(); err != nil {
			return err
		}
	}
	return nil
}

func (d *demo) repository() error {
	d.heading("The repository")
	d.say("A team keeps the employee database's migrations in git, in Bytebase's layout: bytebase/<stage>/<db>##<version>##<type>##<description>.sql. " +
		"Two stages, test then prod. The schema starts as a baseline file; a data file adds a few rows. A bare repository stands in for Bitbucket.")
	d.remote = filepath.Join(d.dir, "remote.git")
	d.repo = filepath.Join(d.dir, "employee-db")
	if err := os.MkdirAll(d.repo, 0o755); err != nil {
		return err
	}
	if err := employee.Write(filepath.Join(d.repo, "bytebase"), "test", "prod"); err != nil {
		return err
	}
	if err := d.writeFile("dbcd.yaml", employee.Config); err != nil {
		return err
	}
	if err := d.writeFile(".gitignore", "test-results/\n"); err != nil {
		return err
	}
	d.show("dbcd.yaml:", employee.Config)
	for _, args := range [][]string{
		{"init", "-q", "--bare", "-b", "main", d.remote},
		{"init", "-q", "-b", "main"},
		{"config", "user.name", "dave"},
		{"config", "user.email", "dave@example.com"},
		{"remote", "add", "origin", d.remote},
		{"add", "-A"},
		{"commit", "-q", "-m", "employee sample"},
		{"push", "-q", "origin", "main"},
	} {
		if _, err := d.gitQuiet(args...); err != nil {
			return err
		}
	}
	d.say("dbcd checks the configuration and every file name, and shows what each stage receives:")
	d.offPipeline()
	return d.dbcd(0, "config", "check")
}

func (d *demo) firstDeploy() error {
	d.heading("The main branch pipeline creates the databases")
	d.say("Pushed to main, the pipeline applies the pending files stage by stage. The history table on each database records every file, with the commit, the build and who started it.")
	if err := d.build("branch", 0, ""); err != nil {
		return err
	}
	d.step("Apply to test", "test", employee.DaveUUID)
	if err := d.dbcd(0, "apply", "--stage", "test"); err != nil {
		return err
	}
	d.step("Apply to production", "production", employee.DaveUUID)
	return d.dbcd(0, "apply", "--stage", "prod")
}

func (d *demo) nullableColumn() error {
	d.heading("Pull request #1 adds a nullable column")
	d.say("dave adds a nick_name column. The prod stage's review policy has gate: warning and column.no-null: warning (as Bytebase's sample), so the nullable column fails the review, at line 1.")
	if _, err := d.git("checkout", "-q", "-b", "feature/nickname"); err != nil {
		return err
	}
	if err := d.writeFile(nicknamePath, employee.NicknameNullable); err != nil {
		return err
	}
	d.show(nicknamePath+":", employee.NicknameNullable)
	if err := d.commit("employee: add nick_name"); err != nil {
		return err
	}
	if err := d.updatePR(1, bbfake.PullRequest{Title: "employee: add nick_name", Author: "dave", Source: "feature/nickname",
		Participants: []bbfake.Participant{{User: "olivia"}}}); err != nil {
		return err
	}
	if err := d.build("pr", 1, ""); err != nil {
		return err
	}
	d.step("Review and plan migrations", "", employee.DaveUUID)
	if err := d.dbcd(1, "review", "--changed", "--output", "text=-", "--output", "junit=test-results/dbcd-review.xml"); err != nil {
		return err
	}
	d.note("test-results/dbcd-review.xml holds the finding as a failed test: Bitbucket shows it in the step's Tests tab.")
	d.showRequests()
	return nil
}

func (d *demo) fixedColumn() error {
	d.heading("Fixed, reviewed, planned")
	d.say("dave declares the column NOT NULL DEFAULT ''. The review passes; the plan shows what merging will do to prod.")
	if err := d.writeFile(nicknamePath, employee.Nickname); err != nil {
		return err
	}
	d.show(nicknamePath+":", employee.Nickname)
	if err := d.commit("employee: nick_name NOT NULL DEFAULT"); err != nil {
		return err
	}
	return d.prPipeline(1)
}

func (d *demo) merged() error {
	d.heading("Merged: applied to prod")
	d.say("The pull request is merged; the main branch pipeline applies the file to prod (rollout is still automatic) and records the commit and build.")
	if err := d.merge("feature/nickname", 1, "Merge pull request #1: add nick_name"); err != nil {
		return err
	}
	if err := d.build("branch", 0, ""); err != nil {
		return err
	}
	d.step("Apply to test", "test", employee.DaveUUID)
	if err := d.dbcd(0, "apply", "--stage", "test"); err != nil {
		return err
	}
	d.step("Apply to production", "production", employee.DaveUUID)
	if err := d.dbcd(0, "apply", "--stage", "prod"); err != nil {
		return err
	}
	return d.dbcd(0, "history", "--stage", "prod")
}

func (d *demo) approvalsOn() error {
	d.heading("Manual rollout and approvals for high-risk changes")
	d.say("The team now wants Bytebase's enterprise controls, in git: only a DBA may start the prod rollout, and DDL in prod is high risk, which needs the approval of the project owner, then of a DBA, on the pull request that brought it. Bitbucket supplies the evidence: the pull request's approvals, and who clicked Run on the deployment step.")
	if err := d.writeFile("dbcd.yaml", employee.ApprovalsConfig); err != nil {
		return err
	}
	d.show("added to dbcd.yaml:", added(employee.Config, employee.ApprovalsConfig))
	return d.commit("prod: manual rollout by dba; high risk needs owner -> dba [skip ci]")
}

func (d *demo) outOfOrder() error {
	d.heading("Pull request #2: out of order, high risk")
	d.say("dave adds a country column with version 202311011700, lower than the nick_name file already applied: out of order, which dbcd allows with a warning (migrations.out_of_order: warn). The plan shows it as high risk, waiting for the owner and the DBA, and keeps one comment on the pull request up to date.")
	if _, err := d.git("checkout", "-q", "-b", "feature/country"); err != nil {
		return err
	}
	if err := d.writeFile(countryPath, employee.Country); err != nil {
		return err
	}
	d.show(countryPath+":", employee.Country)
	if err := d.commit("employee: add country"); err != nil {
		return err
	}
	if err := d.updatePR(2, bbfake.PullRequest{Title: "employee: add country", Author: "dave", Source: "feature/country",
		Participants: []bbfake.Participant{{User: "olivia"}, {User: "dana"}}}); err != nil {
		return err
	}
	return d.prPipeline(2)
}

func (d *demo) rollout() error {
	d.heading("The prod rollout: approvals and roles enforced")
	d.say("The pull request is merged without approvals (on Bitbucket's free plan merge checks only warn). dana, a DBA, clicks Run on the production step: dbcd refuses, naming the missing approvals and the pull request.")
	if err := d.merge("feature/country", 2, "Merge pull request #2: add country"); err != nil {
		return err
	}
	if err := d.build("branch", 0, ""); err != nil {
		return err
	}
	d.step("Apply to test", "test", employee.DaveUUID)
	if err := d.dbcd(0, "apply", "--stage", "test"); err != nil {
		return err
	}
	d.step("Apply to production", "production", employee.DanaUUID)
	if err := d.dbcd(1, "apply", "--stage", "prod"); err != nil {
		return err
	}
	d.showRequests()
	d.say("olivia (owner) and dana (DBA) approve the pull request. This time dave clicks Run, and he is not a DBA:")
	for _, u := range []string{"olivia", "dana"} {
		if err := bbfake.Approve(d.state, 2, u, true); err != nil {
			return err
		}
	}
	d.note("Bitbucket: pull request #2 approved by olivia and dana")
	d.step("Apply to production", "production", employee.DaveUUID)
	if err := d.dbcd(1, "apply", "--stage", "prod"); err != nil {
		return err
	}
	d.showRequests()
	d.say("dana runs it: both approvals are there, in order, from two people other than the author, and she holds the dba role.")
	d.step("Apply to production", "production", employee.DanaUUID)
	if err := d.dbcd(0, "apply", "--stage", "prod"); err != nil {
		return err
	}
	d.showRequests()
	return nil
}

func (d *demo) writeback() error {
	d.heading("Write-back: the real schema in git")
	d.say("The same step goes on: dbcd dumps prod's schema from its catalog and commits it as bytebase/prod/.employee##LATEST.sql, with [skip ci] so the push starts no pipeline, and pushes it. Run again, it finds nothing to do: apply and writeback are idempotent.")
	if err := d.dbcd(0, "writeback", "--stage", "prod", "--push"); err != nil {
		return err
	}
	out, err := d.gitQuiet("--git-dir", d.remote, "log", "-1", "--format=%h %s (by %an)", "main")
	if err != nil {
		return err
	}
	d.note("main on the remote: %s", out)
	latest, err := d.gitQuiet("--git-dir", d.remote, "show", "main:bytebase/prod/.employee##LATEST.sql")
	if err != nil {
		return err
	}
	var cols []string
	for _, l := range strings.Split(latest, "\n") {
		if strings.Contains(l, "nick_name") || strings.Contains(l, "country") {
			cols = append(cols, l)
		}
	}
	d.show("bytebase/prod/.employee##LATEST.sql (the new columns):", strings.Join(cols, "\n"))
	return d.dbcd(0, "writeback", "--stage", "prod", "--push")
}

func (d *demo) drift() error {
	d.heading("Drift: a change made by hand")
	stmt := `ALTER TABLE public.employee ADD COLUMN city text NOT NULL DEFAULT ''`
	d.say("Someone adds a column to prod directly, with psql. The nightly drift pipeline finds it and fails; apply refuses the target until the change is accepted (or reverted).")
	fmt.Fprintln(d.o.Out, d.style("1", `$ psql "$PROD_EMPLOYEE_URL" -c "`+stmt+`"`))
	if err := d.exec(d.prodURL, stmt); err != nil {
		return err
	}
	if err := d.build("custom", 0, "custom pipeline drift (nightly schedule)"); err != nil {
		return err
	}
	d.step("Drift on prod", "", employee.DanaUUID)
	if err := d.dbcd(1, "drift", "--stage", "prod"); err != nil {
		return err
	}
	d.showRequests()
	if err := d.build("branch", 0, ""); err != nil {
		return err
	}
	d.step("Apply to production", "production", employee.DanaUUID)
	if err := d.dbcd(1, "apply", "--stage", "prod"); err != nil {
		return err
	}
	d.say("dana accepts the change from her terminal, with a reason that goes into the history:")
	d.offPipeline()
	if err := d.dbcd(0, "drift", "--accept", "--stage", "prod", "--target", "employee", "--reason", "hotfix OPS-7: city for the payroll export"); err != nil {
		return err
	}
	return d.dbcd(0, "drift", "--stage", "prod")
}

// Helpers of the story.

// commit commits everything as dave and pushes the branch.
func (d *demo) commit(msg string) error {
	if _, err := d.gitQuiet("add", "-A"); err != nil {
		return err
	}
	if _, err := d.git("commit", "-q", "-m", msg); err != nil {
		return err
	}
	branch, err := d.gitQuiet("rev-parse", "--abbrev-ref", "HEAD")
	if err != nil {
		return err
	}
	_, err = d.gitQuiet("push", "-q", "origin", branch)
	return err
}

// merge merges branch into main as pull request pr, pushes main, and tells
// the fake API which commits belong to the pull request.
func (d *demo) merge(branch string, pr int, msg string) error {
	tip, err := d.gitQuiet("rev-parse", branch)
	if err != nil {
		return err
	}
	if _, err := d.git("checkout", "-q", "main"); err != nil {
		return err
	}
	if _, err := d.git("merge", "-q", "--no-ff", "-m", msg, branch); err != nil {
		return err
	}
	if _, err := d.gitQuiet("push", "-q", "origin", "main"); err != nil {
		return err
	}
	head, err := d.gitQuiet("rev-parse", "HEAD")
	if err != nil {
		return err
	}
	for _, c := range []string{tip, head} {
		if err := bbfake.Link(d.state, pr, c); err != nil {
			return err
		}
	}
	return bbfake.SetState(d.state, pr, "MERGED")
}

// updatePR opens (or replaces) pull request id in the fake API, on the
// checked-out commit.
func (d *demo) updatePR(id int, pr bbfake.PullRequest) error {
	err := bbfake.Update(d.state, func(s *bbfake.State) error {
		if s.PullRequests == nil {
			s.PullRequests = map[string]*bbfake.PullRequest{}
		}
		s.PullRequests[fmt.Sprint(id)] = &pr
		return nil
	})
	if err != nil {
		return err
	}
	head, err := d.gitQuiet("rev-parse", "HEAD")
	if err != nil {
		return err
	}
	return bbfake.Link(d.state, id, head)
}

// exec runs one statement on a database, as psql -c would.
func (d *demo) exec(url, stmt string) error {
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	_, err = conn.Exec(ctx, stmt)
	return err
}

// added returns the lines of after that before lacks, in order.
func added(before, after string) string {
	have := map[string]bool{}
	for _, l := range strings.Split(before, "\n") {
		have[l] = true
	}
	var out []string
	for _, l := range strings.Split(after, "\n") {
		if !have[l] && !strings.HasPrefix(strings.TrimSpace(l), "#") && strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// prPipeline runs the pull-request pipeline of PR pr on a clean change:
// review passes and plan shows what merging will do to prod.
func (d *demo) prPipeline(pr int) error {
	if err := d.build("pr", pr, ""); err != nil {
		return err
	}
	d.step("Review and plan migrations", "", employee.DaveUUID)
	if err := d.dbcd(0, "review", "--changed"); err != nil {
		return err
	}
	if err := d.dbcd(0, "plan", "--stage", "prod"); err != nil {
		return err
	}
	d.showRequests()
	return nil
}
