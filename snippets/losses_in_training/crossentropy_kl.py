import keras
import numpy as np

cce = keras.losses.CategoricalCrossentropy()
kld = keras.losses.KLDivergence()
y_pred = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]])

# One-hot labels: the label distribution has zero entropy,
# and by the formula the two losses are equal.
one_hot = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
print(f"cross-entropy {float(cce(one_hot, y_pred)):.7f}")
#> cross-entropy 0.3992539
print(f"KL divergence {float(kld(one_hot, y_pred)):.7f}")
#> KL divergence 0.3992511
# KLDivergence clips y_true to [epsilon, 1]: its zeros become 1e-7.
clipped = np.clip(one_hot, 1e-7, 1)
kl_clipped = np.mean(np.sum(clipped * np.log(clipped / y_pred), axis=1))
print(f"KL with clipped labels, NumPy {kl_clipped:.7f}")
#> KL with clipped labels, NumPy 0.3992511

# Soft labels: cross-entropy = entropy of the labels + KL divergence.
soft = np.array([[0.1, 0.8, 0.1], [0.2, 0.2, 0.6]])
# H(y), averaged over the batch.
entropy = np.mean(-np.sum(soft * np.log(soft), axis=1))
kl = float(kld(soft, y_pred))
print(f"cross-entropy {float(cce(soft, y_pred)):.7f}")
#> cross-entropy 0.8310027
print(f"entropy + KL  {entropy:.7f} + {kl:.7f} = {entropy + kl:.7f}")
#> entropy + KL  0.7946512 + 0.0363515 = 0.8310027
# KLDivergence(y_true, y_pred) is KL(y_true || y_pred): the labels come first.
kl_numpy = np.mean(np.sum(soft * np.log(soft / y_pred), axis=1))
print(f"KL(labels || predictions) in NumPy {kl_numpy:.7f}")
#> KL(labels || predictions) in NumPy 0.0363515

# Likelihood: the product of the probabilities given to the true labels.
likelihood = np.prod(np.sum(one_hot * y_pred, axis=1))
print(f"likelihood {likelihood:.4f}")
#> likelihood 0.4500
mean_loss = float(cce(one_hot, y_pred))
print(f"exp(-N * mean loss) {np.exp(-len(y_pred) * mean_loss):.4f}")
#> exp(-N * mean loss) 0.4500
