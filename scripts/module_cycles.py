#!/usr/bin/env python3
# Import cycles between the top-level modules of src/: every `crate::X` a
# module names (tests included; --no-tests leaves out what follows
# #[cfg(test)]), and the strongly connected components of that graph.
# Prints CYCLE lines for any component of more than one module.
#   python3 scripts/module_cycles.py [--no-tests]
import re,os,sys,collections
root='src'
mods={}
for f in os.listdir(root):
    p=os.path.join(root,f)
    if f in('main.rs','lib.rs'): continue
    name=f[:-3] if f.endswith('.rs') else f
    files=[p] if f.endswith('.rs') else [os.path.join(dp,x) for dp,_,fs in os.walk(p) for x in fs if x.endswith('.rs')]
    mods[name]=files
strip_tests='--no-tests' in sys.argv
edges=collections.defaultdict(set)
for m,files in mods.items():
    for f in files:
        s=open(f).read()
        if strip_tests:
            i=s.find('#[cfg(test)]')
            if i>=0: s=s[:i]
        s=re.sub(r'//[^\n]*','',s)
        for t in re.findall(r'crate::(\w+)',s):
            if t in mods and t!=m: edges[m].add(t)
        # use crate::{a, b}
        for grp in re.findall(r'crate::\{([^}]*)\}',s):
            for t in re.findall(r'(\w+)',grp):
                if t in mods and t!=m: edges[m].add(t)
# SCC (Tarjan)
index={};low={};st=[];on=set();sccs=[];i=[0]
def sc(v):
    index[v]=low[v]=i[0];i[0]+=1;st.append(v);on.add(v)
    for w in edges[v]:
        if w not in index: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],index[w])
    if low[v]==index[v]:
        c=[]
        while True:
            w=st.pop();on.discard(w);c.append(w)
            if w==v:break
        sccs.append(c)
sys.setrecursionlimit(10000)
for v in list(mods): 
    if v not in index: sc(v)
for c in sccs:
    if len(c)>1: print('CYCLE',sorted(c))
print('modules',len(mods),'edges',sum(len(v) for v in edges.values()))
