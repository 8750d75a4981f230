package dev.runbook.modules;

import java.util.ArrayList;
import java.util.List;

/** The list of built-in modules. Each new module adds one line here. */
final class BuiltinModules {
    private BuiltinModules() {
    }

    static List<Module> all() {
        List<Module> all = new ArrayList<>();
        all.add(dev.runbook.modules.core.CommandModule.command());
        all.add(dev.runbook.modules.core.CommandModule.shell());
        all.add(new dev.runbook.modules.core.Debug());
        all.add(new dev.runbook.modules.core.Assert());
        all.add(new dev.runbook.modules.core.Fail());
        all.add(new dev.runbook.modules.core.SetFact());
        all.add(new dev.runbook.modules.db.MysqlQuery());
        all.add(new dev.runbook.modules.db.MysqlDump());
        all.add(new dev.runbook.modules.db.MysqlRestore());
        all.add(new dev.runbook.modules.db.MysqlDb());
        all.add(new dev.runbook.modules.db.MysqlUser());
        all.add(new dev.runbook.modules.system.WaitFor());
        all.add(new dev.runbook.modules.system.Package());
        all.add(new dev.runbook.modules.system.Apt());
        all.add(new dev.runbook.modules.system.Reboot());
        all.add(dev.runbook.modules.system.Dnf.dnf());
        all.add(dev.runbook.modules.system.Dnf.yum());
        all.add(new dev.runbook.modules.system.Service());
        all.add(dev.runbook.modules.system.Systemd.systemd());
        all.add(dev.runbook.modules.system.Systemd.systemdService());
        all.add(new dev.runbook.modules.host.Hostname());
        all.add(new dev.runbook.modules.host.Timezone());
        all.add(new dev.runbook.modules.host.Sysctl());
        all.add(new dev.runbook.modules.host.Mount());
        all.add(new dev.runbook.modules.system.WaitForConnection());
        all.add(new dev.runbook.modules.core.Pause());
        all.add(dev.runbook.modules.system.Setup.setup());
        all.add(dev.runbook.modules.system.Setup.gatherFacts());
        all.add(new dev.runbook.modules.accounts.User());
        all.add(new dev.runbook.modules.accounts.Group());
        all.add(new dev.runbook.modules.accounts.AuthorizedKey());
        all.add(new dev.runbook.modules.schedule.Cron());
        all.add(new dev.runbook.modules.source.Git());
        all.add(new dev.runbook.modules.net.Http());
        all.add(new dev.runbook.modules.files.FileModule());
        all.add(new dev.runbook.modules.files.StatModule());
        all.add(new dev.runbook.modules.files.Find());
        all.add(new dev.runbook.modules.files.Slurp());
        all.add(new dev.runbook.modules.files.Copy());
        all.add(new dev.runbook.modules.files.Template());
        all.add(new dev.runbook.modules.files.LineInFile());
        all.add(new dev.runbook.modules.files.BlockInFile());
        all.add(new dev.runbook.modules.files.Replace());
        all.add(new dev.runbook.modules.files.IniFile());
        all.add(new dev.runbook.modules.files.TempFile());
        all.add(new dev.runbook.modules.core.Raw());
        all.add(new dev.runbook.modules.core.Script());
        all.add(new dev.runbook.modules.aptrepo.AptRepository());
        all.add(new dev.runbook.modules.aptrepo.Deb822Repository());
        all.add(new dev.runbook.modules.system.PackageFacts());
        all.add(new dev.runbook.modules.core.IncludeVars());
        all.add(new dev.runbook.modules.db.MysqlVariables());
        all.add(new dev.runbook.modules.files.Fetch());
        all.add(new dev.runbook.modules.archive.Sync());
        all.add(new dev.runbook.modules.archive.Unarchive());
        all.add(new dev.runbook.modules.archive.Archive());
        all.add(new dev.runbook.modules.archive.GetUrl());
        return all;
    }
}
