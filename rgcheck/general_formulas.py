"""General one- and two-loop MS-bar beta functions of a gauge-Yukawa-scalar theory in tensor
form (Weyl fermions, real scalars, couplings absorbed into the generators so that several
abelian factors with kinetic mixing are automatic).

Source of the tensor structures and coefficients: Poole & Thomsen, JHEP 09 (2019) 055
[arXiv:1906.04625] (the general two-loop results, which include the corrections of
Luo-Wang-Xiao 2003 and Schienbein-Staub-Steudtner-Svirina 2018 to Machacek-Vaughn 1983-85) in
the form used by PyR@TE 3 (Sartore-Schienbein 2020). Conventions (all explained in
docs/rgcheck-conventions.md):

  -L = 1/2 y^a_ij psi_i psi_j phi_a + h.c.,  V = 1/24 lambda_abcd phi_a phi_b phi_c phi_d,
  closed fermion loops  Tr[...] := 2 Re tr_Weyl[...]  (trace over Weyl fermion and conjugate),
  beta_X = dX/dt = sum_n (16 pi^2)^-n beta_X^(n).

Gauge: with G = g^2 metric and absorbed generators the object returned is beta_abs(A, B); the
generators run as d T^A / dt = 1/2 beta_abs(A, B) T^B  (i.e. d G/dt = G Pi, Pi = beta_abs / 2).
Yukawa: beta_y^a = 1/2 (B^a + B^aT); quartic: beta_abcd = average of B over the 24 index
permutations.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction as Fr

import numpy as np

from rgcheck.polytensor import PolyTensor, ein


def tr2re(p: PolyTensor) -> PolyTensor:
    """Closed fermion loop: Tr = tr + tr~ = 2 Re tr (Weyl trace)."""
    return p.map(lambda a: 2.0 * a.real)


def real(p: PolyTensor) -> PolyTensor:
    return p.map(lambda a: a.real.copy())


def lin(*pairs: tuple[Fr | int | float, PolyTensor]) -> PolyTensor:
    """sum_k c_k p_k (accumulated in place)."""
    acc: dict = {}
    shape = pairs[0][1].shape
    for c, p in pairs:
        for m, a in p.terms.items():
            if m in acc:
                acc[m] += float(c) * a
            else:
                acc[m] = float(c) * a
    return PolyTensor(shape, acc).prune()


def probe4(spec: str, *ops: PolyTensor, probes: PolyTensor) -> PolyTensor:
    """Contract the four free scalar indices of a quartic term with probe vectors v_p:
    returns B(v_p, v_p, v_p, v_p), shape (p,). The probes are inserted right after the first
    operand carrying each free index so that the pairwise contraction stays small (write the
    operand with most free indices first)."""
    ins, out = spec.split("->")
    specs = ins.split(",")
    new_specs: list[str] = []
    new_ops: list[PolyTensor] = []
    done: set[str] = set()
    for sp_, op in zip(specs, ops, strict=True):
        new_specs.append(sp_)
        new_ops.append(op)
        for lab in sp_:
            if lab in out and lab not in done:
                done.add(lab)
                new_specs.append("p" + lab)
                new_ops.append(probes)
    return ein(",".join(new_specs) + "->p", *new_ops)


def projectY(spec: str, *ops: PolyTensor, ybar: PolyTensor) -> PolyTensor:
    """<Y_k, B> for a Yukawa term B(a, i, j): appends conj(Y_k)(k, a, i, j); shape (k,)."""
    ins, out = spec.split("->")
    return ein(f"{ins},Z{out}->Z", *ops, ybar)


@dataclass
class Tensors:
    T: PolyTensor  # (A, i, j) full fermion space
    Ta: PolyTensor  # (A, i, j) Yukawa-active fermions only
    Ts: PolyTensor  # (A, a, b)
    C2G: PolyTensor  # (A, B)
    y: PolyTensor  # (a, i, j) on active fermions
    lam: PolyTensor  # (a, b, c, d)


class Composites:
    """Two-point building blocks (Casimirs, Dynkin indices, Yukawa traces)."""

    def __init__(self, t: Tensors, loops: int):
        T, Ta, Ts, C2G, y = t.T, t.Ta, t.Ts, t.C2G, t.y
        self.yt = y.conj()
        yt = self.yt
        self.C2F = real(ein("Aij,Ajk->ik", Ta, Ta))
        self.C2S = real(ein("Aab,Abc->ac", Ts, Ts))
        self.S2F = tr2re(ein("Aij,Bji->AB", T, T))
        self.S2S = real(ein("Aab,Bba->AB", Ts, Ts))
        self.Y2F = ein("aij,ajk->ik", y, yt)
        self.Y2Ft = self.Y2F.conj()
        self.Y2S = tr2re(ein("aij,bji->ab", y, yt))
        if loops < 2:
            return
        C2F_full = real(ein("Aij,Ajk->ik", T, T))
        self.S2FCF = tr2re(ein("ij,Ajk,Bki->AB", C2F_full, T, T))
        self.S2FYF = tr2re(ein("ij,Ajk,Bki->AB", self.Y2F, Ta, Ta))
        self.S2SCS = real(ein("ab,Abc,Bca->AB", self.C2S, Ts, Ts))
        self.S2SYS = real(ein("ab,Abc,Bca->AB", self.Y2S, Ts, Ts))
        self.C2FG = real(ein("AB,Aij,Bjk->ik", C2G, Ta, Ta))
        self.C2FS = real(ein("AB,Aij,Bjk->ik", self.S2S, Ta, Ta))
        self.C2FF = real(ein("AB,Aij,Bjk->ik", self.S2F, Ta, Ta))
        self.Y2FCF = ein("aij,jk,akl->il", y, self.C2F, yt)
        self.Y2FCS = ein("aij,bjk,ab->ik", y, yt, self.C2S)
        self.Y2FYF = ein("aij,jk,akl->il", y, self.Y2Ft, yt)
        self.Y2FYFt = self.Y2FYF.conj()
        self.Y2FYS = ein("ab,aij,bjk->ik", self.Y2S, y, yt)
        self.C2SG = real(ein("AB,Aab,Bbc->ac", C2G, Ts, Ts))
        self.C2SS = real(ein("AB,Aab,Bbc->ac", self.S2S, Ts, Ts))
        self.C2SF = real(ein("AB,Aab,Bbc->ac", self.S2F, Ts, Ts))
        self.Y2SCF = tr2re(ein("aij,jk,bki->ab", y, self.C2F, yt))
        self.Y2SYF = tr2re(ein("aij,jk,bki->ab", y, self.Y2Ft, yt))
        self.Y4S = tr2re(ein("aij,cjk,bkl,cli->ab", y, yt, y, yt))


# ---------------------------------------------------------------------------------------
# gauge
# ---------------------------------------------------------------------------------------


def gauge_beta(t: Tensors, c: Composites, loop: int) -> PolyTensor:
    """beta_abs(A, B) at the given loop order (PT eqs.: 1-loop -22/3 C2G + 2/3 S2F + 1/3 S2S;
    2-loop 2 S2F C2F + 4 S2S C2S - 68/3 C2G^2 + 10/3 C2G S2F + 2/3 C2G S2S - S2F Y2F)."""
    C2G = t.C2G
    if loop == 1:
        b = lin((Fr(-22, 3), C2G), (Fr(2, 3), c.S2F), (Fr(1, 3), c.S2S))
    else:
        b = lin(
            (2, c.S2FCF),
            (4, c.S2SCS),
            (Fr(-68, 3), ein("AC,CB->AB", C2G, C2G)),
            (Fr(10, 3), ein("AC,CB->AB", C2G, c.S2F)),
            (Fr(2, 3), ein("AC,CB->AB", C2G, c.S2S)),
            (-1, c.S2FYF),
        )
    return (b + b.transpose((1, 0))) * 0.5


# ---------------------------------------------------------------------------------------
# Yukawa
# ---------------------------------------------------------------------------------------


def yukawa_beta(t: Tensors, c: Composites, loop: int, ybar: PolyTensor | None = None) -> PolyTensor:
    """Full tensor beta_y^a_ij (ybar None) or its overlaps <Y_k, beta> with ybar = conj(Y_k)."""
    y, yt, T, lam = t.y, c.yt, t.Ta, t.lam

    def E(spec: str, *ops: PolyTensor) -> PolyTensor:
        return ein(spec, *ops) if ybar is None else projectY(spec, *ops, ybar=ybar)

    if loop == 1:
        B = lin(
            (-6, E("aik,kj->aij", y, c.C2F)),
            (2, E("bik,akl,blj->aij", y, yt, y)),
            (1, E("aik,kj->aij", y, c.Y2Ft)),
            (Fr(1, 2), E("ba,bij->aij", c.Y2S, y)),
        )
    else:
        yyt = ein("bik,ckl->bcil", y, yt)  # (y^b yt^c)_{il}
        terms: list[tuple[Fr | int | float, PolyTensor]] = [
            (Fr(-21, 2), E("ba,cb,cij->aij", c.C2S, c.C2S, y)),
            (12, E("ba,bik,kj->aij", c.C2S, y, c.C2F)),
            (-3, E("aik,kl,lj->aij", y, c.C2F, c.C2F)),
            (Fr(49, 4), E("ba,bij->aij", c.C2SG, y)),
            (Fr(-1, 4), E("ba,bij->aij", c.C2SS, y)),
            (Fr(-1, 2), E("ba,bij->aij", c.C2SF, y)),
            (Fr(-97, 3), E("aik,kj->aij", y, c.C2FG)),
            (Fr(11, 6), E("aik,kj->aij", y, c.C2FS)),
            (Fr(5, 3), E("aik,kj->aij", y, c.C2FF)),
            (Fr(1, 12), E("cdea,bcde,bij->aij", lam, lam, y)),
            (12, E("bik,Akl,blm,amn,Anj->aij", y, T, yt, y, T)),
            (6, E("bik,akl,bc,clj->aij", y, yt, c.C2S, y)),
            (-12, E("bik,ckl,blj,ca->aij", y, yt, y, c.C2S)),
            (10, E("bik,kl,alm,bmj->aij", y, c.C2F, yt, y)),
            (6, E("bik,akl,blm,mj->aij", y, yt, y, c.C2F)),
            (Fr(5, 2), E("ba,bij->aij", c.Y2SCF, y)),
            (9, E("ik,akj->aij", c.Y2FCS, y)),
            (Fr(-1, 2), E("ik,akj->aij", c.Y2FCF, y)),
            (Fr(-7, 2), E("aik,kl,lj->aij", y, c.Y2Ft, c.C2F)),
            (-2, E("bcda,bik,ckl,dlj->aij", lam, y, yt, y)),
            # y^b yt^c y^a yt^b y^c  and  y^b yt^c y^a yt^c y^b
            (2, E("bcil,alm,bmn,cnj->aij", yyt, y, yt, y)),
            (-2, E("bcil,alm,cmn,bnj->aij", yyt, y, yt, y)),
            (Fr(-1, 2), E("ba,bij->aij", c.Y4S, y)),
            (-2, E("bik,akl,lm,bmj->aij", y, yt, c.Y2F, y)),
            (Fr(-1, 4), E("aik,kj->aij", y, c.Y2FYFt)),
            (Fr(-3, 4), E("ba,bij->aij", c.Y2SYF, y)),
            (-1, E("bik,bc,akl,clj->aij", y, c.Y2S, yt, y)),
            (Fr(-3, 4), E("ik,akj->aij", c.Y2FYS, y)),
        ]
        B = lin(*terms)
    if ybar is not None:
        return B
    return ((B + B.transpose((0, 2, 1))) * 0.5).prune(1e-10)


# ---------------------------------------------------------------------------------------
# quartic
# ---------------------------------------------------------------------------------------


def symmetrise4(p: PolyTensor) -> PolyTensor:
    perms = list(itertools.permutations(range(4)))

    def sym(a: np.ndarray) -> np.ndarray:
        out = np.zeros_like(a)
        for pm in perms:
            out += np.transpose(a, pm)
        return out / 24.0

    return p.map(sym).prune(1e-10)


def quartic_beta(
    t: Tensors, c: Composites, loop: int, probes: PolyTensor | None = None
) -> PolyTensor:
    """Full symmetrised tensor beta_abcd (probes None) or beta(v_p, v_p, v_p, v_p)."""
    Ts, lam, y, yt, T = t.Ts, t.lam, t.y, c.yt, t.Ta

    def E(spec: str, *ops: PolyTensor) -> PolyTensor:
        return ein(spec, *ops) if probes is None else probe4(spec, *ops, probes=probes)

    def fin(p: PolyTensor) -> PolyTensor:
        return symmetrise4(p) if probes is None else p

    # fermion-loop building blocks: P_ab = y^a yt^b
    P = ein("aij,bjk->abik", y, yt)
    if loop == 1:
        TT = real(ein("Aae,Ceb->ACab", Ts, Ts))
        terms: list[tuple[Fr | int | float, PolyTensor]] = [
            (36, E("ACab,ACcd->abcd", TT, TT)),
            (-12, E("ebcd,ae->abcd", lam, c.C2S)),
            (3, E("abef,efcd->abcd", lam, lam)),
            (2, E("ebcd,ae->abcd", lam, c.Y2S)),
            (-12, tr2re(E("abik,cdki->abcd", P, P))),
        ]
        return fin(lin(*terms))
    TT = real(ein("Aae,Ceb->ACab", Ts, Ts))  # (Ts^A Ts^C)_ab
    TTTT = real(ein("Aai,Cij,Ejk,Akb->CEab", Ts, Ts, Ts, Ts))
    # TTTT(C,E,a,b) = (Ts^A Ts^C Ts^E Ts^A)_ab  (sum over A)
    Z = ein("eij,djk,ekl->dil", yt, y, yt)  # sum_e yt^e y^d yt^e
    R = ein("cij,djk->cdik", y, Z)  # y^c yt^e y^d yt^e
    W = ein("eckm,demi->cdki", P, P)  # y^e yt^c y^d yt^e
    terms = [
        (324, E("CEab,CEcd->abcd", TTTT, TT)),
        (-684, E("ae,ACeb,ACcd->abcd", c.C2S, TT, TT)),
        (646, E("ACab,CD,ADcd->abcd", TT, t.C2G, TT)),
        (-28, E("ACab,CD,ADcd->abcd", TT, c.S2S, TT)),
        (-32, E("ACab,CD,ADcd->abcd", TT, c.S2F, TT)),
        (12, E("ACae,ACbf,efcd->abcd", TT, TT, lam)),
        (60, E("ACab,ACef,efcd->abcd", TT, TT, lam)),
        (6, E("fbcd,ef,ae->abcd", lam, c.C2S, c.C2S)),
        (Fr(-143, 3), E("ebcd,ae->abcd", lam, c.C2SG)),
        (Fr(11, 3), E("ebcd,ae->abcd", lam, c.C2SS)),
        (Fr(10, 3), E("ebcd,ae->abcd", lam, c.C2SF)),
        (-18, E("ghcd,efgh,Aae,Abf->abcd", lam, lam, Ts, Ts)),
        (24, E("abef,fg,egcd->abcd", lam, c.C2S, lam)),
        (-18, E("ae,ebfg,fgcd->abcd", c.C2S, lam, lam)),
        (Fr(1, 3), E("aefg,efgh,hbcd->abcd", lam, lam, lam)),
        (-6, E("eghc,fghd,abef->abcd", lam, lam, lam)),
        # generators between yt (right index) and y (left index) act as T^* = -T~ (Weyl
        # basis with symmetric y; see docs): Tr(yt^d T^C* T^A* y^c)
        (-144, tr2re(E("ACab,Cij,Ajk,cdki->abcd", TT, T.conj(), T.conj(), P))),
        (60, E("ae,ACeb,ACcd->abcd", c.Y2S, TT, TT)),
        (10, E("ebcd,ae->abcd", lam, c.Y2SCF)),
        (-3, E("abef,fg,egcd->abcd", lam, c.Y2S, lam)),
        (24, tr2re(E("ae,ebik,cdki->abcd", c.C2S, P, P))),
        (-48, tr2re(E("cdkl,li,abik->abcd", P, c.C2F, P))),
        (12, tr2re(E("aeik,bfki,efcd->abcd", P, P, lam))),
        (-2, E("ebcd,ae->abcd", lam, c.Y4S)),
        (-3, E("ebcd,ae->abcd", lam, c.Y2SYF)),
        (48, tr2re(E("abik,cdki->abcd", P, R))),
        (24, tr2re(E("abik,cdki->abcd", P, W))),
        (24, tr2re(E("cdkl,li,abik->abcd", P, c.Y2F, P))),
    ]
    return fin(lin(*terms))
