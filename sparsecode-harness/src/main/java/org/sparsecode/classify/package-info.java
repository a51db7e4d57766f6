/**
 * Classifiers on fixed feature vectors for the accuracy tables: logistic regression and a linear
 * SVM from LIBLINEAR, an RBF-kernel SVM from LIBSVM, and hyper-parameter selection on a validation
 * split.
 *
 * <p>Features are used exactly as given: no scaling, centring or normalisation is applied. MNIST
 * pixels arrive in [0, 1] from {@code org.sparsecode.data.Mnist}, sparse codes arrive as the
 * inference produced them. Because the RBF kernel depends on the scale of the features, its gamma
 * is chosen on the validation split together with C (see {@link
 * org.sparsecode.classify.ModelSelection} and {@link
 * org.sparsecode.classify.ClassifierSettings#scaleGamma}).
 */
package org.sparsecode.classify;
