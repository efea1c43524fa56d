# Reference results from COINr 1.1.x for the engine's agreement tests
# (tests/Zhangjiang.Indicators.Tests/CoinrAgreementTests.cs).
#
#   Rscript scripts/coinr-reference/make-fixtures.R DATA_DIR OUT_DIR
#
# DATA_DIR holds asem/ and synthetic-3000x60/ (iData.csv, iMeta.csv); OUT_DIR receives one folder per set.
# The script calls COINr's own functions for every number it writes: normalisation (Normalise on a data
# frame, i.e. n_minmax, n_zscore, n_rank, n_prank, n_dist2max, n_dist2targ), imputation (i_mean, i_median,
# i_mean_grp, i_median_grp), outlier treatment (Treat with COINr's default specification), aggregation
# (Aggregate on a data frame with a_amean, a_gmean, a_hmean, walked level by level as Aggregate.coin
# does), skew() and kurt(). What COINr computes inside a coin object (ranks, statistics, correlations,
# Cronbach's alpha, effective weights) is written here with the same base-R calls COINr makes
# (rank(-x, ties.method = "min"), stats::cor and stats::cov with pairwise complete observations, the
# effective-weight product of sibling-normalised weights), so the fixtures need no coin.
#
# It needs COINr 1.1.x: install.packages("COINr") where CRAN is reachable. Where it is not (the build
# machines), set COINR_FUNCTIONS to an R file that defines the functions above from COINr's source; the
# fixtures committed were made that way from COINr 1.1.8's source under R 4.2.2 (see Data/coinr/SOURCE.md).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript make-fixtures.R DATA_DIR OUT_DIR")
data_dir <- args[1]
out_dir <- args[2]

if (requireNamespace("COINr", quietly = TRUE)) {
  v <- utils::packageVersion("COINr")
  if (v < "1.1.0" || v >= "1.2.0") stop("COINr 1.1.x is needed, found ", v)
  library(COINr)
  made_with <- paste("COINr", v)
} else if (nzchar(Sys.getenv("COINR_FUNCTIONS"))) {
  source(Sys.getenv("COINR_FUNCTIONS"))
  made_with <- paste("COINr", if (exists("COINR_FUNCTIONS_VERSION")) COINR_FUNCTIONS_VERSION else "(version unknown)",
                     "functions from its source, file", basename(Sys.getenv("COINR_FUNCTIONS")))
} else {
  stop("COINr is not installed and COINR_FUNCTIONS is not set")
}

# Doubles as 17 significant digits (they parse back to the same value), missing as an empty cell.
fmt <- function(v) {
  if (is.numeric(v)) ifelse(is.na(v), "", sprintf("%.17g", v)) else ifelse(is.na(v), "", as.character(v))
}
write_table <- function(df, set, name) {
  dir.create(file.path(out_dir, set), recursive = TRUE, showWarnings = FALSE)
  out <- as.data.frame(lapply(df, fmt), check.names = FALSE, stringsAsFactors = FALSE)
  utils::write.csv(out, file.path(out_dir, set, name), row.names = FALSE, quote = TRUE, na = "")
}
with_codes <- function(ucodes, df) cbind(data.frame(uCode = ucodes, check.names = FALSE), df)

read_set <- function(set) {
  d <- utils::read.csv(file.path(data_dir, set, "iData.csv"), check.names = FALSE, na.strings = "", stringsAsFactors = FALSE)
  m <- utils::read.csv(file.path(data_dir, set, "iMeta.csv"), check.names = FALSE, na.strings = "", stringsAsFactors = FALSE)
  list(data = d, meta = m, ind = m[m$Type == "Indicator", ], agg = m[m$Type == "Aggregate", ])
}

# Aggregate.coin's walk: level by level, each parent from its children with the children's iMeta weights.
aggregate_up <- function(s, x, f_ag) {
  lv <- s$meta[!is.na(s$meta$Level), ]
  for (lev in 2:max(lv$Level)) {
    below <- lv[lv$Level == lev - 1, ]
    for (parent in unique(below$Parent)) {
      codes <- below$iCode[below$Parent == parent]
      w <- below$Weight[match(codes, below$iCode)]
      x[[parent]] <- Aggregate(x[codes], f_ag = f_ag, f_ag_para = list(w = w))
    }
  }
  x
}

directions <- function(s) s$ind[c("iCode", "Direction")]
normalise <- function(s, x, f_n, f_n_para = NULL) {
  Normalise(x, global_specs = list(f_n = f_n, f_n_para = f_n_para), directions = directions(s))
}
ranks_of <- function(x) as.data.frame(lapply(x, function(col) rank(-col, ties.method = "min", na.last = "keep")), check.names = FALSE)

treat <- function(x) {
  specs <- list(f1 = "winsorise",
                f1_para = list(na.rm = TRUE, winmax = 5, skew_thresh = 2, kurt_thresh = 3.5, force_win = FALSE),
                f2 = "log_CT", f2_para = list(na.rm = TRUE),
                f_pass = "check_SkewKurt", f_pass_para = list(na.rm = TRUE, skew_thresh = 2, kurt_thresh = 3.5))
  out <- x
  rows <- list()
  for (code in names(x)) {
    r <- do.call(Treat, c(list(x = x[[code]]), specs))
    out[[code]] <- r$x
    points <- as.character(unlist(r$Treated_Points))
    logged <- any(grepl("log_CT", points, fixed = TRUE))
    rows[[code]] <- data.frame(iCode = code,
                               SkewBefore = skew(x[[code]], na.rm = TRUE), KurtBefore = kurt(x[[code]], na.rm = TRUE),
                               SkewAfter = skew(r$x, na.rm = TRUE), KurtAfter = kurt(r$x, na.rm = TRUE),
                               Winsorised = if (logged) 0 else sum(points %in% c("winhi", "winlo")),
                               Log = if (logged) 1 else 0)
  }
  list(x = out, table = do.call(rbind, rows))
}

impute <- function(x, f_i, groups = NULL) {
  as.data.frame(lapply(x, function(col) if (is.null(groups)) do.call(f_i, list(x = col)) else do.call(f_i, list(x = col, f = groups))),
                check.names = FALSE)
}

denominate <- function(s, x) {
  for (i in seq_len(nrow(s$ind))) {
    den <- s$ind$Denominator[i]
    if (!is.null(den) && !is.na(den) && nzchar(den)) x[[s$ind$iCode[i]]] <- x[[s$ind$iCode[i]]] / s$data[[den]]
  }
  x
}

statistics <- function(x) {
  do.call(rbind, lapply(names(x), function(code) {
    v <- x[[code]]
    p <- v[!is.na(v)]
    data.frame(iCode = code, Availability = length(p) / length(v), Min = min(p), Max = max(p), Mean = mean(p),
               Median = stats::median(p), SD = stats::sd(p), Skew = skew(p), Kurt = kurt(p))
  }))
}

effective_weights <- function(s) {
  lv <- s$meta[!is.na(s$meta$Level), ]
  top <- max(lv$Level)
  lv$Parent[lv$Level == top] <- "none"
  lv$EffWeight <- stats::ave(lv$Weight, lv$Parent, FUN = function(w) w / sum(w))
  for (lev in (top - 1):1) {
    idx <- which(lv$Level == lev)
    lv$EffWeight[idx] <- lv$EffWeight[idx] * lv$EffWeight[match(lv$Parent[idx], lv$iCode)]
  }
  lv[c("iCode", "Level", "EffWeight")]
}

cronbach <- function(s, x) {
  lv <- s$meta[!is.na(s$meta$Level), ]
  do.call(rbind, lapply(s$agg$iCode, function(a) {
    codes <- lv$iCode[!is.na(lv$Parent) & lv$Parent == a]
    k <- length(codes)
    cv <- stats::cov(x[codes], use = "pairwise.complete.obs")
    sigall <- sum(cv, na.rm = TRUE)
    sigav <- (sigall - sum(diag(cv), na.rm = TRUE)) / (k * (k - 1))
    data.frame(iCode = a, Alpha = (k^2 * sigav) / sigall)
  }))
}

correlations <- function(x) {
  cr <- stats::cor(x, use = "pairwise.complete.obs", method = "pearson")
  with_codes(colnames(cr), as.data.frame(cr, check.names = FALSE))
}

# ---- ASEM: every step on its own, then the full pipelines ------------------------------------------------
s <- read_set("asem")
codes <- s$ind$iCode
u <- s$data$uCode
raw <- s$data[codes]

write_table(statistics(raw), "asem", "statistics-raw.csv")
write_table(with_codes(u, denominate(s, raw)), "asem", "denominated.csv")
write_table(with_codes(u, impute(raw, "i_mean")), "asem", "imputed-mean.csv")
write_table(with_codes(u, impute(raw, "i_median")), "asem", "imputed-median.csv")
write_table(with_codes(u, impute(raw, "i_mean_grp", s$data$EurAsia_group)), "asem", "imputed-group-mean.csv")
write_table(with_codes(u, impute(raw, "i_median_grp", s$data$EurAsia_group)), "asem", "imputed-group-median.csv")
tr <- treat(raw)
write_table(with_codes(u, tr$x), "asem", "treated.csv")
write_table(tr$table, "asem", "treatment.csv")

write_table(with_codes(u, normalise(s, raw, "n_minmax", list(l_u = c(0, 100)))), "asem", "normalised-minmax.csv")
write_table(with_codes(u, normalise(s, raw, "n_minmax", list(l_u = c(1, 10)))), "asem", "normalised-minmax-1-10.csv")
write_table(with_codes(u, normalise(s, raw, "n_zscore", list(m_sd = c(0, 1)))), "asem", "normalised-zscore.csv")
write_table(with_codes(u, normalise(s, raw, "n_zscore", list(m_sd = c(10, 2)))), "asem", "normalised-zscore-10-2.csv")
write_table(with_codes(u, normalise(s, raw, "n_rank")), "asem", "normalised-rank.csv")
write_table(with_codes(u, normalise(s, raw, "n_prank")), "asem", "normalised-prank.csv")
write_table(with_codes(u, normalise(s, raw, "n_dist2max")), "asem", "normalised-best.csv")
# Distance to target, capped: COINr's n_dist2targ per indicator with the iMeta target, the direction applied
# to the target as to the data (x·d against targ·d).
dist2targ <- as.data.frame(lapply(seq_along(codes), function(i) {
  d <- s$ind$Direction[i]
  n_dist2targ(raw[[codes[i]]] * d, targ = s$ind$Target[i] * d, cap_max = TRUE)
}), check.names = FALSE)
names(dist2targ) <- codes
write_table(with_codes(u, dist2targ), "asem", "normalised-target.csv")

for (f in c("a_amean", "a_gmean", "a_hmean")) {
  scores <- aggregate_up(s, normalise(s, raw, "n_minmax", list(l_u = c(1, 100))), f)
  name <- sub("a_", "", f)
  write_table(with_codes(u, scores), "asem", paste0("scores-minmax-1-100-", name, ".csv"))
  write_table(with_codes(u, ranks_of(scores)), "asem", paste0("ranks-minmax-1-100-", name, ".csv"))
}
# With the raw data's gaps: correlations and Cronbach's alpha over pairwise complete observations.
scores <- aggregate_up(s, normalise(s, raw, "n_minmax", list(l_u = c(1, 100))), "a_amean")
write_table(correlations(scores), "asem", "correlations-with-gaps.csv")
write_table(cronbach(s, scores), "asem", "cronbach-with-gaps.csv")

# The zone's usual pipeline: denominate, group-mean imputation, treatment, min-max [0, 100], arithmetic mean.
pipeline <- impute(denominate(s, raw), "i_mean_grp", s$data$EurAsia_group)
ptr <- treat(pipeline)
write_table(ptr$table, "asem", "pipeline-treatment.csv")
scores <- aggregate_up(s, normalise(s, ptr$x, "n_minmax", list(l_u = c(0, 100))), "a_amean")
write_table(with_codes(u, scores), "asem", "pipeline-scores.csv")
write_table(with_codes(u, ranks_of(scores)), "asem", "pipeline-ranks.csv")
write_table(correlations(scores), "asem", "pipeline-correlations.csv")
write_table(cronbach(s, scores), "asem", "pipeline-cronbach.csv")
write_table(effective_weights(s), "asem", "effective-weights.csv")

# ---- A panel made from ASEM: previous-year imputation (COINr's impute_panel) -----------------------------------
# Three years: 2016 and 2017 scale the 2018 values, and a fixed pattern of cells is blanked in every year, so some gaps
# are filled from the year before, some from two years before, and some cannot be filled.
years <- c(2016, 2017, 2018)
panel <- do.call(rbind, lapply(seq_along(years), function(t) {
  p <- s$data
  p$Time <- years[t]
  for (j in seq_along(codes)) {
    v <- raw[[codes[j]]] * (1 + 0.05 * (3 - t))
    v[(seq_along(v) * 7 + j * 3 + t * 5) %% 11 == 0] <- NA
    p[[codes[j]]] <- v
  }
  p
}))
write_table(panel, "asem", "panel-iData.csv")
imputed <- impute_panel(panel[c("uCode", "Time", codes)], time_col = "Time", unit_col = "uCode", cols = codes)$iData_imp
# impute_panel returns rows in a different order when rows are reassembled, so key them by unit and year.
imputed <- imputed[order(imputed$Time, match(imputed$uCode, s$data$uCode)), ]
write_table(cbind(data.frame(uCodeTime = paste(imputed$uCode, imputed$Time, sep = "@")), imputed[codes]), "asem", "panel-imputed-previous-year.csv")

# ---- Synthetic 3000 x 60: the benchmark pipeline (sub-indices and index only, to keep the fixture small) ----
s <- read_set("synthetic-3000x60")
codes <- s$ind$iCode
u <- s$data$uCode
raw <- s$data[codes]
pipeline <- impute(raw, "i_mean_grp", s$data$Region)
ptr <- treat(pipeline)
write_table(ptr$table, "synthetic", "pipeline-treatment.csv")
scores <- aggregate_up(s, normalise(s, ptr$x, "n_minmax", list(l_u = c(0, 100))), "a_amean")
top <- s$agg$iCode[s$agg$Level >= 3]
write_table(with_codes(u, scores[top]), "synthetic", "pipeline-scores.csv")
write_table(with_codes(u, ranks_of(scores[top])), "synthetic", "pipeline-ranks.csv")

writeLines(c(made_with, R.version.string), file.path(out_dir, "MADE_WITH.txt"))
cat("fixtures written to", out_dir, "with", made_with, "\n")
