package main

import (
	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/source"
)

// stageApplyOptions maps dbcd.yaml onto apply.Options for one stage.
func stageApplyOptions(cfg *config.Config, stage *config.Stage, tree *source.Tree, target string, shard apply.Shard, getenv func(string) string) apply.Options {
	ao := apply.Options{
		Stage:            stage.Name,
		Targets:          targetsOf(stage),
		Files:            tree.ForStage(stage.Name),
		LockTimeout:      cfg.Apply.LockTimeout.D(),
		StatementTimeout: cfg.Apply.StatementTimeout.D(),
		LockRetries:      cfg.Apply.LockRetries,
		LockWait:         cfg.Apply.LockWait.D(),
		OutOfOrder:       apply.OutOfOrder(cfg.Migrations.OutOfOrder),
		HistoryTable:     cfg.History.Table,
		Waves:            stage.Rollout.Waves,
		Parallel:         stage.Rollout.Parallel,
		Shard:            shard,
		Target:           target,
		Provenance:       provenance(getenv),
	}
	for _, name := range stage.After {
		earlier, _ := cfg.Stage(name)
		ao.Earlier = append(ao.Earlier, apply.StageTargets{Stage: name, Targets: targetsOf(earlier)})
	}
	return ao
}
